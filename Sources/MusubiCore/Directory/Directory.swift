import Foundation

/// Reading the directory: people, organisations, groups and the community's numbers.
public struct Directory: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Filters: Sendable, Equatable {
        public var text: String
        public var sector: Sector?
        public var fieldID: Int64?
        public var prefectureCode: String?
        public var municipality: String?
        public var page: PageRequest

        public init(
            text: String = "", sector: Sector? = nil, fieldID: Int64? = nil, prefectureCode: String? = nil, municipality: String? = nil,
            page: PageRequest = .init()
        ) {
            self.text = text
            self.sector = sector
            self.fieldID = fieldID
            self.prefectureCode = prefectureCode
            self.municipality = municipality
            self.page = page
        }
    }

    public func fieldTree() async throws -> FieldTree {
        try await env.fieldTreeCache.tree(now: env.now()) {
            FieldTree(try await env.persistence.read { try await $0.fields.all() })
        }
    }

    public func members(_ actor: Requester, _ filters: Filters) async throws -> Page<MemberSummary> {
        try Policy.require(actor, .list, .members)
        let query = try await query(for: filters)
        return try await env.persistence.read { try await $0.members.search(query) }
    }

    public func organizations(_ actor: Requester, _ filters: Filters) async throws -> Page<Organization> {
        try Policy.require(actor, .list, .organizations)
        let query = try await query(for: filters)
        return try await env.persistence.read { try await $0.organizations.search(query) }
    }

    public struct MemberDetail: Sendable {
        public var member: Member
        public var organization: Organization?
        public var groups: [Group]
        public var email: String?
    }

    /// A profile. The e-mail is shown to coordinators and to the person themselves.
    public func member(_ actor: Requester, id: Int64) async throws -> MemberDetail {
        let detail = try await env.persistence.read { repos -> MemberDetail? in
            guard let member = try await repos.members.find(id: id) else { return nil }
            let organization = try await member.organizationID.asyncMap { try await repos.organizations.find(id: $0) } ?? nil
            let email = try await repos.accounts.account(memberID: id)?.email
            return MemberDetail(member: member, organization: organization, groups: try await repos.groups.groups(of: id), email: email)
        }
        guard var detail else { throw MusubiError.notFound }
        try Policy.require(actor, .view, .member(id: id, role: detail.member.role))
        // Applicants and deactivated people are for coordinators (and themselves) to see.
        guard detail.member.status == .active || isCoordinator(actor) || actor.memberID == id else { throw MusubiError.notFound }
        if !(isCoordinator(actor) || actor.memberID == id) { detail.email = nil }
        return detail
    }

    public struct OrganizationDetail: Sendable {
        public var organization: Organization
        /// Empty for visitors: people are for members to see.
        public var members: [MemberSummary]
        public var groups: [Group]
    }

    public func organization(_ actor: Requester, id: Int64) async throws -> OrganizationDetail {
        try Policy.require(actor, .view, .organization(id: id))
        let seesPeople = Policy.can(actor, .list, .members)
        let detail = try await env.persistence.read { repos -> OrganizationDetail? in
            guard let organization = try await repos.organizations.find(id: id) else { return nil }
            let members = seesPeople ? try await repos.members.inOrganization(id) : []
            let groups = seesPeople ? try await repos.groups.all().filter { $0.hostOrganizationID == id } : []
            return OrganizationDetail(organization: organization, members: members, groups: groups)
        }
        guard let detail else { throw MusubiError.notFound }
        return detail
    }

    public func organizationNames() async throws -> [(id: Int64, name: String)] {
        try await env.persistence.read { try await $0.organizations.names() }
    }

    public struct GroupSummary: Sendable {
        public var group: Group
        public var memberCount: Int
        public var subgroups: [Group]
    }

    /// Top-level groups with their sub-groups.
    public func groups(_ actor: Requester) async throws -> [GroupSummary] {
        try Policy.require(actor, .list, .groups)
        let (groups, counts) = try await env.persistence.read { repos in
            (try await repos.groups.all(), try await repos.groups.memberCounts())
        }
        let children = Dictionary(grouping: groups.filter { $0.parentID != nil }, by: { $0.parentID! })
        return groups.filter { $0.parentID == nil }.map {
            GroupSummary(group: $0, memberCount: counts[$0.id] ?? 0, subgroups: children[$0.id] ?? [])
        }
    }

    public struct GroupDetail: Sendable {
        public var group: Group
        public var parent: Group?
        public var subgroups: [Group]
        public var host: Organization?
        public var members: [(member: MemberSummary, role: GroupRole)]
    }

    public func group(_ actor: Requester, id: Int64) async throws -> GroupDetail {
        try Policy.require(actor, .view, .group(id: id))
        let detail = try await env.persistence.read { repos -> GroupDetail? in
            guard let group = try await repos.groups.find(id: id) else { return nil }
            let all = try await repos.groups.all()
            let host = try await group.hostOrganizationID.asyncMap { try await repos.organizations.find(id: $0) } ?? nil
            return GroupDetail(
                group: group,
                parent: all.first { $0.id == group.parentID },
                subgroups: all.filter { $0.parentID == id },
                host: host,
                members: try await repos.groups.members(of: id)
            )
        }
        guard let detail else { throw MusubiError.notFound }
        return detail
    }

    private func query(for filters: Filters) async throws -> DirectoryQuery {
        var fieldIDs: [Int64] = []
        if let fieldID = filters.fieldID { fieldIDs = try await fieldTree().filter(fieldID) }
        let municipality = filters.municipality.map(JapaneseText.normalize).flatMap { $0.isEmpty ? nil : $0 }
        return DirectoryQuery(
            terms: Array(JapaneseText.terms(of: filters.text).prefix(8)),
            sector: filters.sector,
            fieldIDs: fieldIDs,
            prefectureCode: filters.prefectureCode,
            municipality: municipality,
            page: filters.page
        )
    }

    private func isCoordinator(_ actor: Requester) -> Bool { (actor.role ?? .guest) >= .coordinator }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
