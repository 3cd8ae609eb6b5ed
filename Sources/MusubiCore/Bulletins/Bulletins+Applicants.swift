import Foundation

extension Bulletins {
    /// How many people and seeds "who could apply" shows.
    public static let applicantLimit = 10
    /// How deep the engine looks for a member among a call's candidates.
    static let fitDepth = 50

    /// Who here could apply for a funding call: the people and seeds the matching engine
    /// finds for its title, text, programme and eligibility, with its reasons, among those
    /// open to its sectors. For coordinators (the matching tools'); nobody else learns who
    /// else a call might suit.
    public func couldApply(_ actor: Requester, id: Int64) async throws -> Matchmaking.Matches {
        try Policy.require(actor, .view, .matchingTools, hiding: false)
        return try await couldApply(actor, call: try await show(actor, id: id))
    }

    /// The same for a call the actor was just shown (its page), without reading it again.
    public func couldApply(_ actor: Requester, call shown: Shown) async throws -> Matchmaking.Matches {
        try Policy.require(actor, .view, .matchingTools, hiding: false)
        let call = shown.bulletin
        guard let funding = call.funding else { return Matchmaking.Matches(listings: [], people: []) }
        let (found, organization) = try await candidates(for: call, viewer: actor, limit: Self.applicantLimit * 3)
        let sectors = try await env.persistence.read { repos in
            Dictionary(try await repos.organizations.all().map { ($0.id, $0.sector) }, uniquingKeysWith: { first, _ in first })
        }
        let eligible = found.filter { candidate in
            funding.eligibleSectors.isEmpty || candidate.organizationID.flatMap { sectors[$0] }.map(funding.eligibleSectors.contains) == true
        }
        var matches = try await Matchmaking(env).resolve(eligible, for: actor, organization: organization)
        matches.listings = Array(matches.listings.prefix(Self.applicantLimit))
        matches.people = Array(matches.people.prefix(Self.applicantLimit))
        return matches
    }

    /// Why a funding call the reader was shown suits them, in the engine's words: when they,
    /// or a seed of theirs, are among its best candidates. Empty when the engine does not see
    /// it (and for visitors, without a search).
    public func whyItFits(_ actor: Requester, call shown: Shown) async throws -> [MatchIndex.Reason] {
        guard let me = actor.memberID, shown.bulletin.funding != nil else { return [] }
        let found = try await candidates(for: shown.bulletin, viewer: actor, limit: Self.fitDepth).found
        return found.first { $0.ownerID == me }?.reasons ?? []
    }

    /// The engine's candidates for a call, read as a need: it seeks those who offer what it
    /// funds.
    private func candidates(for call: Bulletin, viewer: Requester, limit: Int) async throws -> (
        found: [LiveMatchIndex.Found], organization: Int64?
    ) {
        let tree = try await Directory(env).fieldTree()
        let organization = try await env.persistence.read { try await Listings.viewerOrganization(viewer, $0) }
        try await Matchmaking(env).ensureLoaded()
        let funding = call.funding
        let text = [call.body, funding?.programme ?? "", funding?.eligibility ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
        let query = MatchDocument(
            id: "call:\(call.id)", kind: .need, title: call.title, body: text, fields: call.fieldIDs.compactMap { tree.field($0)?.key })
        let found = env.matchIndex.candidates(
            for: query, viewer: viewer, organization: organization, subjects: .all, limit: limit, now: env.now())
        return (found, organization)
    }
}
