import Foundation

extension PeopleAdministration {
    /// A person as the coordinators' spreadsheet of the directory lists them.
    public struct DirectoryEntry: Sendable, Equatable {
        public var member: Member
        public var email: String
        public var organization: Organization?
    }

    /// Everyone in the directory (active, waiting and deactivated), by name, with their
    /// address and organisation: for coordinators, who may read addresses.
    public func directoryExport(_ actor: Requester) async throws -> [DirectoryEntry] {
        try Policy.require(actor, .list, .applications)
        let (members, emails, organizations) = try await env.persistence.read { repos in
            (try await repos.members.all(), try await repos.members.emails(), try await repos.organizations.all())
        }
        let byID = Dictionary(organizations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return members.sorted { ($0.nameKana.isEmpty ? $0.name : $0.nameKana, $0.id) < ($1.nameKana.isEmpty ? $1.name : $1.nameKana, $1.id) }
            .map { DirectoryEntry(member: $0, email: emails[$0.id] ?? "", organization: $0.organizationID.flatMap { byID[$0] }) }
    }
}
