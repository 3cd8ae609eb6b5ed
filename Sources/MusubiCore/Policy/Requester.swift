/// Who is asking. Only an active account acts as a member; an applicant still waiting
/// for approval, or a deactivated person, is treated as anonymous.
public enum Requester: Sendable, Equatable {
    case anonymous
    case member(id: Int64, role: Role)

    public var memberID: Int64? {
        if case .member(let id, _) = self { return id }
        return nil
    }

    public var role: Role? {
        if case .member(_, let role) = self { return role }
        return nil
    }

    public static func from(_ account: Account) -> Requester {
        account.status == .active ? .member(id: account.memberID, role: account.role) : .anonymous
    }
}
