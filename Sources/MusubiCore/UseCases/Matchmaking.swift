import Foundation

/// Match candidates for a listing, from the index the server keeps in memory, among what
/// the viewer may see.
public struct Matchmaking: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Candidate: Sendable, Equatable {
        public var listing: Listings.Shown
        public var score: Double
        public var reasons: [MatchIndex.Reason]
    }

    /// Reads every listing into the index, with the coordinators' concepts: at start,
    /// whenever it was never loaded, and when the dictionary changed.
    public func rebuildIndex() async throws {
        let ticket = env.matchIndex.beginRebuild()
        do {
            let (listings, added) = try await env.persistence.read { repos in (try await repos.listings.all(), try await repos.concepts.all()) }
            let fields = try await Directory(env).fieldTree()
            env.matchIndex.load(listings, fields: fields, dictionary: ConceptDictionary.standard.extended(with: added), ticket: ticket)
        } catch {
            env.matchIndex.abandonRebuild(ticket)
            throw error
        }
    }

    public func candidates(_ actor: Actor, listingID: Int64, limit: Int = 10) async throws -> [Candidate] {
        let (listing, organization) = try await env.persistence.read { repos in
            (try await repos.listings.find(id: listingID), try await Listings.viewerOrganization(actor, repos))
        }
        guard let listing else { throw MusubiError.notFound }
        try Policy.require(actor, .view, .listing(listing.audience))
        if !env.matchIndex.isLoaded { try await rebuildIndex() }
        let found = env.matchIndex.candidates(
            for: listing, viewer: actor, organization: organization, fields: try await Directory(env).fieldTree(), limit: limit, now: env.now()
        )
        let listings = try await env.persistence.read { repos in
            var byID: [Int64: Listing] = [:]
            for candidate in found { byID[candidate.listingID] = try await repos.listings.find(id: candidate.listingID) }
            return byID
        }
        return found.compactMap { candidate in
            listings[candidate.listingID].map {
                Candidate(listing: Listings.shown($0, to: actor, organization: organization), score: candidate.score, reasons: candidate.reasons)
            }
        }
    }
}
