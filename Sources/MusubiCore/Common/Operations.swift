import Foundation

/// What the operator does from the command line: the first admin, and all data out.
public struct Operations: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public func createAdmin(email rawEmail: String, password: String, name rawName: String) async throws -> Member {
        var check = Validator()
        let email = check.email("email", rawEmail)
        check.password("password", password)
        let name = check.text("name", rawName, required: true, limit: 100)
        try check.check()
        let hash = try await env.passwords.hash(password)
        let now = env.now()
        return try await env.persistence.write { repos in
            let member = try await repos.members.insert(
                NewMember(
                    email: email, passwordHash: hash, role: .admin, status: .active, organizationID: nil,
                    draft: ProfileDraft(name: name, nameKana: "", profile: Profile(), fieldIDs: [])),
                at: now
            )
            try await repos.audit.append(actorID: nil, action: .adminCreated, subjectType: "member", subjectID: member.id, detail: email, at: now)
            return member
        }
    }

    /// Everything the installation holds about its community, for data ownership. Secrets
    /// (password hashes, session and token digests) stay behind.
    public struct Export: Encodable, Sendable {
        public var exportedAt: Date
        public var fields: [Field]
        public var organizations: [Organization]
        public var members: [ExportedMember]
        public var groups: [Group]
        public var groupMemberships: [GroupMembership]
        public var listings: [Listing]
        public var auditLog: [AuditEntry]
    }

    public struct ExportedMember: Encodable, Sendable {
        public var member: Member
        public var email: String
    }

    public func export() async throws -> Export {
        let now = env.now()
        return try await env.persistence.read { repos in
            let emails = try await repos.members.emails()
            var audit: [AuditEntry] = []
            var page = 1
            while true {
                let chunk = try await repos.audit.search(AuditQuery(page: PageRequest(number: page, size: PageRequest.maximumSize)))
                audit += chunk.items
                if !chunk.hasNext { break }
                page += 1
            }
            return Export(
                exportedAt: now, fields: try await repos.fields.all(), organizations: try await repos.organizations.all(),
                members: try await repos.members.all().map { ExportedMember(member: $0, email: emails[$0.id] ?? "") },
                groups: try await repos.groups.all(), groupMemberships: try await repos.groups.memberships(),
                listings: try await repos.listings.all(), auditLog: audit
            )
        }
    }
}
