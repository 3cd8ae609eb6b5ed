import Foundation

extension Directory {
    /// What the home page shows: the community's size by sector and field, and what is new.
    public struct Overview: Sendable {
        public var organizationsBySector: [Sector: Int]
        public var membersBySector: [Sector: Int]
        /// Top-level fields with the members in them or below them, largest first.
        public var membersByField: [(field: Field, count: Int)]
        /// Newest people; empty for those who may not see people.
        public var newestMembers: [MemberSummary]
        public var newestOrganizations: [Organization]
        public var groupCount: Int

        public var memberTotal: Int { membersBySector.values.reduce(0, +) }
        public var organizationTotal: Int { organizationsBySector.values.reduce(0, +) }
    }

    public func overview(_ actor: Requester) async throws -> Overview {
        try Policy.require(actor, .view, .home)
        let seesPeople = Policy.can(actor, .list, .members)
        let tree = try await fieldTree()
        return try await env.persistence.read { repos in
            var byRoot: [(field: Field, count: Int)] = []
            for root in tree.roots {
                byRoot.append((root, try await repos.members.countActive(inAnyField: tree.subtree(of: root.id))))
            }
            return Overview(
                organizationsBySector: try await repos.organizations.countBySector(),
                membersBySector: try await repos.members.countBySector(),
                membersByField: byRoot.filter { $0.count > 0 }.sorted { $0.count > $1.count },
                newestMembers: seesPeople ? try await repos.members.newest(limit: 6) : [],
                newestOrganizations: try await repos.organizations.newest(limit: 6),
                groupCount: seesPeople ? try await repos.groups.all().count : 0
            )
        }
    }
}
