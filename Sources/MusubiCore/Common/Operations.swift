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
}
