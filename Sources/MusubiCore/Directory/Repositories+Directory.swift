import Foundation

public protocol FieldRepository: Sendable {
    func all() async throws -> [Field]
    func insert(parentID: Int64?, key: String, name: String, nameEn: String) async throws -> Field
}

public protocol OrganizationRepository: Sendable {
    func insert(_ draft: OrganizationDraft, at: Date) async throws -> Organization
    func update(id: Int64, with draft: OrganizationDraft) async throws
    func find(id: Int64) async throws -> Organization?
    func search(_ query: DirectoryQuery) async throws -> Page<Organization>
    /// Every organisation's id and name, for choosing one in a form.
    func names() async throws -> [(id: Int64, name: String)]
    func names(of ids: [Int64]) async throws -> [Int64: String]
    func countBySector() async throws -> [Sector: Int]
    func newest(limit: Int) async throws -> [Organization]
    func all() async throws -> [Organization]
}

/// A member to create, with their account.
public struct NewMember: Sendable, Equatable {
    public var email: String
    public var passwordHash: String
    public var role: Role
    public var status: AccountStatus
    public var organizationID: Int64?
    public var draft: ProfileDraft

    public init(email: String, passwordHash: String, role: Role, status: AccountStatus, organizationID: Int64?, draft: ProfileDraft) {
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.status = status
        self.organizationID = organizationID
        self.draft = draft
    }
}

public protocol MemberRepository: Sendable {
    /// Throws `MusubiError.conflict("email_taken")` when the e-mail is registered already.
    func insert(_ member: NewMember, at: Date) async throws -> Member
    func find(id: Int64) async throws -> Member?
    func updateProfile(id: Int64, with draft: ProfileDraft) async throws
    func setRole(id: Int64, to role: Role) async throws
    func setStatus(id: Int64, to status: AccountStatus) async throws
    /// Active members matching the query.
    func search(_ query: DirectoryQuery) async throws -> Page<MemberSummary>
    func withStatus(_ status: AccountStatus, page: PageRequest) async throws -> Page<MemberSummary>
    func count(withStatus status: AccountStatus) async throws -> Int
    /// What the approval queue shows of applicants: the address, what they wrote, when.
    func applicationDetails(of ids: [Int64]) async throws -> [Int64: ApplicationDetails]
    func setAppliedOrganization(id: Int64, name: String) async throws
    func inOrganization(_ organizationID: Int64) async throws -> [MemberSummary]
    func newest(limit: Int) async throws -> [MemberSummary]
    /// Active members by their organisation's sector.
    func countBySector() async throws -> [Sector: Int]
    /// Active members carrying at least one of the fields.
    func countActive(inAnyField fieldIDs: [Int64]) async throws -> Int
    func all() async throws -> [Member]
    func emails() async throws -> [Int64: String]
    func names(of ids: [Int64]) async throws -> [Int64: String]
    /// Names, readings and organisations of the given people, or of every active member.
    func mentionNames(of ids: [Int64]?) async throws -> [MentionName]
}

public protocol GroupRepository: Sendable {
    func insert(_ draft: GroupDraft, at: Date) async throws -> Group
    func update(id: Int64, with draft: GroupDraft) async throws
    func find(id: Int64) async throws -> Group?
    func all() async throws -> [Group]
    func memberCounts() async throws -> [Int64: Int]
    func members(of groupID: Int64) async throws -> [(member: MemberSummary, role: GroupRole)]
    func groups(of memberID: Int64) async throws -> [Group]
    func setMembership(_ membership: GroupMembership) async throws
    /// Gives whether the person was a member.
    func removeMember(_ memberID: Int64, from groupID: Int64) async throws -> Bool
    func memberships() async throws -> [GroupMembership]
}

public protocol AuditRepository: Sendable {
    func append(actorID: Int64?, action: AuditAction, subjectType: String, subjectID: Int64?, detail: String, at: Date) async throws
    func search(_ query: AuditQuery) async throws -> Page<AuditEntry>
    /// Everyone who appears in the log as the one who acted.
    func actors() async throws -> [Int64]
}
