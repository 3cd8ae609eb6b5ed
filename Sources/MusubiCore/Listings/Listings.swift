import Foundation

/// Seeds and needs: posting, editing, closing, browsing and reading one, with the details
/// only for those the disclosure level admits. Every change is passed on to the matching
/// index the server keeps in memory.
public struct Listings: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Filters: Sendable, Equatable {
        public var text: String
        public var kind: ListingKind?
        public var fieldID: Int64?
        public var sector: Sector?
        public var status: ListingStatus?
        /// Only the viewer's own listings.
        public var mine: Bool
        /// Only those an organisation posted.
        public var organizationID: Int64?
        public var page: PageRequest

        public init(
            text: String = "", kind: ListingKind? = nil, fieldID: Int64? = nil, sector: Sector? = nil, status: ListingStatus? = nil,
            mine: Bool = false, organizationID: Int64? = nil, page: PageRequest = .init()
        ) {
            self.organizationID = organizationID
            self.text = text
            self.kind = kind
            self.fieldID = fieldID
            self.sector = sector
            self.status = status
            self.mine = mine
            self.page = page
        }
    }

    /// A listing as one viewer may see it: without details or the named organisations
    /// unless the policy lets them read those.
    public struct Shown: Sendable, Equatable {
        public var listing: Listing
        public var detailsVisible: Bool
        public var editable: Bool
    }

    public func post(_ actor: Requester, _ draft: ListingDraft) async throws -> Listing {
        try Policy.require(actor, .create, .listings, hiding: false)
        guard let ownerID = actor.memberID else { throw MusubiError.unauthenticated }
        let now = env.now()
        let clean = try await validate(draft, now: now, isNew: true)
        let listing = try await env.persistence.write { repos in
            try await checkOrganizations(clean, repos)
            let owner = try await repos.members.find(id: ownerID)
            let organization = try await owner?.organizationID.asyncMap { try await repos.organizations.find(id: $0) } ?? nil
            let listing = try await repos.listings.insert(
                ownerID: ownerID, organizationID: organization?.id, sector: organization?.sector, draft: clean, at: now)
            try await repos.audit.append(
                actorID: ownerID, action: .listingPosted, subjectType: "listing", subjectID: listing.id, detail: clean.title, at: now)
            return listing
        }
        try await reindex(listing)
        return listing
    }

    public func edit(_ actor: Requester, id: Int64, _ draft: ListingDraft) async throws {
        let now = env.now()
        let clean = try await validate(draft, now: now, isNew: false)
        let listing = try await env.persistence.write { repos in
            var listing = try await Self.editable(id, by: actor, repos)
            try await checkOrganizations(clean, repos)
            try await repos.listings.update(id: id, with: clean, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .listingEdited, subjectType: "listing", subjectID: id, detail: clean.title, at: now)
            listing.content = clean
            listing.updatedAt = now
            return listing
        }
        try await reindex(listing)
    }

    public func setStatus(_ actor: Requester, id: Int64, to status: ListingStatus) async throws {
        let now = env.now()
        let listing = try await env.persistence.write { repos in
            var listing = try await Self.editable(id, by: actor, repos)
            try await repos.listings.setStatus(id: id, to: status, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .listingStatusChanged, subjectType: "listing", subjectID: id, detail: status.rawValue, at: now)
            listing.status = status
            listing.updatedAt = now
            return listing
        }
        try await reindex(listing)
    }

    public func show(_ actor: Requester, id: Int64) async throws -> Shown {
        let (listing, organization) = try await env.persistence.read { repos in
            (try await repos.listings.find(id: id), try await Self.viewerOrganization(actor, repos))
        }
        guard let listing else { throw MusubiError.notFound }
        try Policy.require(actor, .view, .listing(listing.audience))
        return Self.shown(listing, to: actor, organization: organization)
    }

    /// A listing with who posted it, for its own page: the owner's name only for those who
    /// may see people, the named organisations only for those who may edit it.
    public struct Detail: Sendable {
        public var shown: Shown
        public var owner: (id: Int64, name: String)?
        public var organization: (id: Int64, name: String)?
        public var disclosedTo: [(id: Int64, name: String)]
    }

    public func detail(_ actor: Requester, id: Int64) async throws -> Detail {
        let shown = try await show(actor, id: id)
        let listing = shown.listing
        return try await env.persistence.read { repos in
            let owner = Policy.can(actor, .list, .members) ? try await repos.members.find(id: listing.ownerID) : nil
            let organization = try await listing.organizationID.asyncMap { try await repos.organizations.find(id: $0) } ?? nil
            var named: [(id: Int64, name: String)] = []
            for id in listing.content.disclosedTo {
                if let found = try await repos.organizations.find(id: id) { named.append((found.id, found.name)) }
            }
            return Detail(
                shown: shown, owner: owner.map { ($0.id, $0.name) }, organization: organization.map { ($0.id, $0.name) }, disclosedTo: named
            )
        }
    }

    public func browse(_ actor: Requester, _ filters: Filters) async throws -> Page<Shown> {
        try Policy.require(actor, .list, .listings)
        var fieldIDs: [Int64] = []
        if let fieldID = filters.fieldID { fieldIDs = try await Directory(env).fieldTree().filter(fieldID) }
        let query = ListingQuery(
            terms: Array(JapaneseText.terms(of: filters.text).prefix(8)), kind: filters.kind, fieldIDs: fieldIDs, sector: filters.sector,
            statuses: filters.status.map { [$0] } ?? [], disclosures: Self.listedDisclosures(for: actor),
            ownerID: filters.mine ? actor.memberID ?? -1 : nil, organizationID: filters.organizationID, current: filters.mine ? nil : env.now(),
            page: filters.page
        )
        let (page, organization) = try await env.persistence.read { repos in
            (try await repos.listings.search(query), try await Self.viewerOrganization(actor, repos))
        }
        return Page(items: page.items.map { Self.shown($0, to: actor, organization: organization) }, total: page.total, request: page.request)
    }

    /// The disclosure levels whose listings the viewer may see listed, as the policy says.
    static func listedDisclosures(for actor: Requester) -> [Disclosure] {
        Disclosure.allCases.filter { Policy.can(actor, .view, .listing(ListingAudience(ownerID: -1, disclosure: $0))) }
    }

    static func shown(_ listing: Listing, to actor: Requester, organization: Int64?) -> Shown {
        var listing = listing
        let audience = listing.audience
        let detailsVisible = Policy.can(actor, .readDetails(viewerOrganization: organization), .listing(audience))
        let editable = Policy.can(actor, .edit, .listing(audience))
        if !detailsVisible { listing.content.details = "" }
        if !editable { listing.content.disclosedTo = [] }
        return Shown(listing: listing, detailsVisible: detailsVisible, editable: editable)
    }

    static func viewerOrganization(_ actor: Requester, _ repos: any Repositories) async throws -> Int64? {
        guard let id = actor.memberID else { return nil }
        return try await repos.members.find(id: id)?.organizationID
    }

    /// The listing, when the actor may see it (else it does not exist for them) and edit it.
    static func editable(_ id: Int64, by actor: Requester, _ repos: any Repositories) async throws -> Listing {
        guard let listing = try await repos.listings.find(id: id) else { throw MusubiError.notFound }
        try Policy.require(actor, .view, .listing(listing.audience))
        try Policy.require(actor, .edit, .listing(listing.audience), hiding: false)
        return listing
    }

    private func reindex(_ listing: Listing) async throws {
        env.matchIndex.update(listing, fields: try await Directory(env).fieldTree())
    }

    private func checkOrganizations(_ draft: ListingDraft, _ repos: any Repositories) async throws {
        for id in draft.disclosedTo where try await repos.organizations.find(id: id) == nil {
            throw MusubiError.invalid("disclosedTo", "error.organization_unknown")
        }
    }
}
