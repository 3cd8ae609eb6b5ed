import Foundation

/// Match candidates for a listing or a person, from the index the server keeps in memory,
/// among what the viewer may see.
public struct Matchmaking: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Candidate: Sendable, Equatable {
        public var listing: Listings.Shown
        public var score: Double
        public var reasons: [MatchIndex.Reason]
    }

    /// A person as a candidate: who they are and where they work.
    public struct PersonCandidate: Sendable, Equatable {
        public var member: Member
        public var organizationName: String?
        public var score: Double
        public var reasons: [MatchIndex.Reason]
    }

    /// A person's candidates: listings, and other people.
    public struct Matches: Sendable, Equatable {
        public var listings: [Candidate]
        public var people: [PersonCandidate]
    }

    /// Reads every listing and every active person into the index, with the coordinators'
    /// concepts: at start, whenever it was never loaded, and when the dictionary changed.
    public func rebuildIndex() async throws {
        let ticket = env.matchIndex.beginRebuild()
        do {
            let (listings, people, added) = try await env.persistence.read { repos in
                (try await repos.listings.all(), try await Self.indexedPeople(repos), try await repos.concepts.all())
            }
            let fields = try await Directory(env).fieldTree()
            env.matchIndex.load(
                listings, people: people, fields: fields, dictionary: ConceptDictionary.standard.extended(with: added), ticket: ticket)
        } catch {
            env.matchIndex.abandonRebuild(ticket)
            throw error
        }
    }

    /// Reads the person's profile into the index anew: after they edited it, or their status
    /// changed.
    public func reindexPerson(_ memberID: Int64) async throws {
        guard env.matchIndex.isLoaded else { return }
        let person = try await env.persistence.read { repos in try await Self.person(memberID, repos) }
        guard let person else { return }
        env.matchIndex.update(person, fields: try await Directory(env).fieldTree())
    }

    /// A listing's candidates among the listings. A signed-in person's look is counted for
    /// the coordinators' funnel, once a day per listing.
    public func candidates(_ actor: Requester, listingID: Int64, limit: Int = 10) async throws -> [Candidate] {
        let found = try await candidates(actor, listingID: listingID, subjects: .listings, limit: limit).listings
        if let viewerID = actor.memberID {
            let now = env.now()
            try await env.persistence.write { repos in
                try await repos.candidateViews.record(listingID: listingID, viewerID: viewerID, at: now, unlessSince: now.addingTimeInterval(-86_400))
            }
        }
        return found
    }

    /// People whose profile answers the listing: who offer what it seeks, or seek what it
    /// offers. Only for those who may see people.
    public func people(_ actor: Requester, listingID: Int64, limit: Int = 5) async throws -> [PersonCandidate] {
        guard Policy.can(actor, .list, .members) else { return [] }
        return try await candidates(actor, listingID: listingID, subjects: .people, limit: limit).people
    }

    /// Listings and people for a person: needs and people seeking what they offer, seeds and
    /// people offering what they seek.
    public func candidates(_ actor: Requester, memberID: Int64, limit: Int = 10) async throws -> Matches {
        let (person, organization) = try await env.persistence.read { repos in
            (try await Self.person(memberID, repos), try await Listings.viewerOrganization(actor, repos))
        }
        guard let person, person.member.status == .active else { throw MusubiError.notFound }
        try Policy.require(actor, .view, .member(id: memberID, role: person.member.role))
        try await ensureLoaded()
        let found = env.matchIndex.candidates(
            for: person, viewer: actor, organization: organization, fields: try await Directory(env).fieldTree(), limit: limit, now: env.now()
        )
        return try await resolve(found, for: actor, organization: organization)
    }

    /// The most needs one bulk matching takes.
    public static let bulkLimit = 1_000
    /// The longest one bulk matching may take; a batch that needs longer is refused, to be
    /// sent in smaller parts, rather than hold a core for minutes.
    public static let bulkDeadline = Duration.seconds(20)
    /// How many seeds bulk matching may be asked for, for each need.
    public static let bulkTop = 1...50

    /// The best seeds for each of a batch of needs written outside Musubi (a survey of
    /// local companies), among the listings the viewer may see: a coordinator's bulk
    /// matching. In the order of the needs.
    public func bestSeeds(
        _ actor: Requester, for needs: [MatchDocument], top: Int, deadline: Duration = bulkDeadline
    ) async throws -> [(need: MatchDocument, seeds: [Candidate])] {
        let clock = ContinuousClock()
        let giveUpAt = clock.now + deadline
        try Policy.require(actor, .view, .matchingTools)
        guard !needs.isEmpty else { throw MusubiError.invalid("needs", "error.bulk_empty") }
        guard needs.count <= Self.bulkLimit else { throw MusubiError.invalid("needs", "error.bulk_too_many") }
        guard Self.bulkTop.contains(top) else { throw MusubiError.invalid("top", "error.bulk_top") }
        let organization = try await env.persistence.read { repos in try await Listings.viewerOrganization(actor, repos) }
        try await ensureLoaded()
        var results: [(need: MatchDocument, seeds: [Candidate])] = []
        for need in needs {
            guard clock.now < giveUpAt else { throw MusubiError.invalid("needs", "error.bulk_too_slow") }
            // Each need takes milliseconds of one core: let other requests in between.
            await Task.yield()
            var query = need
            query.kind = .need
            // An uploaded id may equal an indexed listing's ("7"); the index never scores a
            // document against itself, so the query gets an id no listing has.
            query.id = "upload:" + need.id
            let found = env.matchIndex.candidates(for: query, viewer: actor, organization: organization, limit: top, now: env.now())
            results.append((need, try await resolve(found, for: actor, organization: organization).listings))
        }
        return results
    }

    func candidates(_ actor: Requester, listingID: Int64, subjects: LiveMatchIndex.Subjects, limit: Int) async throws -> Matches {
        let (listing, organization) = try await env.persistence.read { repos in
            (try await repos.listings.find(id: listingID), try await Listings.viewerOrganization(actor, repos))
        }
        guard let listing else { throw MusubiError.notFound }
        try Policy.require(actor, .view, .listing(listing.audience))
        try await ensureLoaded()
        let found = env.matchIndex.candidates(
            for: listing, viewer: actor, organization: organization, fields: try await Directory(env).fieldTree(), subjects: subjects,
            limit: limit, now: env.now()
        )
        return try await resolve(found, for: actor, organization: organization)
    }

    func ensureLoaded() async throws {
        if !env.matchIndex.isLoaded { try await rebuildIndex() }
    }

    /// Reads what the index found, as the viewer may see it, in the index's order.
    func resolve(_ found: [LiveMatchIndex.Found], for actor: Requester, organization: Int64?) async throws -> Matches {
        try await env.persistence.read { repos in
            var matches = Matches(listings: [], people: [])
            for candidate in found {
                switch candidate.subject {
                case .listing(let id):
                    guard let listing = try await repos.listings.find(id: id) else { continue }
                    matches.listings.append(
                        Candidate(
                            listing: Listings.shown(listing, to: actor, organization: organization), score: candidate.score,
                            reasons: candidate.reasons
                        ))
                case .person(let id):
                    guard let (member, organization) = try await Self.activePerson(id, repos) else { continue }
                    matches.people.append(
                        PersonCandidate(member: member, organizationName: organization, score: candidate.score, reasons: candidate.reasons))
                }
            }
            return matches
        }
    }

    /// An active person with their organisation's name, as a candidate shows them.
    static func activePerson(_ id: Int64, _ repos: any Repositories) async throws -> (Member, String?)? {
        guard let member = try await repos.members.find(id: id), member.status == .active else { return nil }
        let organization = try await member.organizationID.asyncMap { try await repos.organizations.find(id: $0) } ?? nil
        return (member, organization?.name)
    }

    /// Every active person, as the index reads them.
    static func indexedPeople(_ repos: any Repositories) async throws -> [LiveMatchIndex.Person] {
        let sectors = Dictionary(uniqueKeysWithValues: try await repos.organizations.all().map { ($0.id, $0.sector) })
        return try await repos.members.all().filter { $0.status == .active }.map {
            LiveMatchIndex.Person($0, sector: $0.organizationID.flatMap { sectors[$0] })
        }
    }

    static func person(_ memberID: Int64, _ repos: any Repositories) async throws -> LiveMatchIndex.Person? {
        guard let member = try await repos.members.find(id: memberID) else { return nil }
        let organization = try await member.organizationID.asyncMap { try await repos.organizations.find(id: $0) } ?? nil
        return LiveMatchIndex.Person(member, sector: organization?.sector)
    }
}
