/// What a person may do on the platform. Ordered from least to most trusted.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case guest, member, coordinator, admin

    private var rank: Int {
        switch self {
        case .guest: 0
        case .member: 1
        case .coordinator: 2
        case .admin: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Where an account is in its life: an applicant waits for approval, a deactivated person
/// can no longer sign in and has no sessions.
public enum AccountStatus: String, CaseIterable, Codable, Sendable {
    case pending, active, deactivated
}
