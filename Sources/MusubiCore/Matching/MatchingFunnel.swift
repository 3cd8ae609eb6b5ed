import Foundation

/// The coordinators' funnel: how far seeds and needs get, from listings to looks at their
/// candidates, introductions asked for, accepted and what came of them, by field and by
/// sector, and how many introductions crossed fields (the point of a mix).
public struct MatchingFunnel: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// One line of the funnel. `key` is a top field's key or a sector; the total has none.
    public struct Stage: Sendable, Equatable {
        public var key: String?
        public var seeds = 0
        public var needs = 0
        public var candidateViews = 0
        public var requested = 0
        /// Approved by a coordinator (whatever the other side then said).
        public var approved = 0
        public var accepted = 0
        /// Accepted introductions with at least one outcome other than "no further action".
        public var withOutcome = 0
        /// Introductions where the requester (by their profile and listings) and what they
        /// asked for have no top field in common.
        public var crossField = 0

        public init(key: String?) { self.key = key }
    }

    public struct Report: Sendable, Equatable {
        public var total: Stage
        /// By the top fields of the listing (or person) asked about; a listing in two top
        /// fields counts in both, so these lines may add up to more than the total.
        public var byField: [Stage]
        /// By the sector of the organisation that posted the listing, or of the person asked for.
        public var bySector: [Stage]
        public var outcomes: [OutcomeKind: Int]
    }

    /// The funnel of everything, or of a period (a fiscal year, any dates): the listings posted,
    /// the looks taken and the introductions asked for in it, and those introductions' outcomes.
    public func report(_ actor: Requester, period: DateInterval? = nil) async throws -> Report {
        try Policy.require(actor, .view, .matchingTools)
        let (listings, introductions, outcomes, views, members, organizations) = try await env.persistence.read { repos in
            (
                try await repos.listings.all(), try await repos.introductions.all(), try await repos.introductions.allOutcomes(),
                try await repos.candidateViews.counts(in: period), try await repos.members.all(), try await repos.organizations.all()
            )
        }
        let tree = try await Directory(env).fieldTree()
        return Self.report(
            listings: listings, introductions: introductions, outcomes: outcomes, views: views, members: members,
            organizations: organizations, tree: tree, period: period
        )
    }

    /// The counting itself, on what was read; only what happened in `period` counts (every
    /// listing is still read, for the fields of the people who asked).
    static func report(
        listings: [Listing], introductions allIntroductions: [Introduction], outcomes allOutcomes: [IntroductionOutcome], views: [Int64: Int],
        members: [Member], organizations: [Organization], tree: FieldTree, period: DateInterval? = nil
    ) -> Report {
        func inPeriod(_ date: Date) -> Bool { period.map { $0.start <= date && date < $0.end } ?? true }
        let introductions = allIntroductions.filter { inPeriod($0.requestedAt) }
        let counted = Set(introductions.map(\.id))
        let outcomes = allOutcomes.filter { counted.contains($0.introductionID) }
        let hierarchy = FieldHierarchy(tree)
        func roots(_ fieldIDs: [Int64]) -> Set<String> { Set(fieldIDs.compactMap { tree.field($0)?.key }.map(hierarchy.root)) }
        let sectors = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0.sector) })
        let membersByID = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0) })
        let listingsByID = Dictionary(uniqueKeysWithValues: listings.map { ($0.id, $0) })
        var total = Stage(key: nil)
        var byField: [String: Stage] = [:]
        var bySector: [String: Stage] = [:]
        func count(fields: Set<String>, sector: Sector?, _ change: (inout Stage) -> Void) {
            change(&total)
            for root in fields { change(&byField[root, default: Stage(key: root)]) }
            if let sector { change(&bySector[sector.rawValue, default: Stage(key: sector.rawValue)]) }
        }
        for listing in listings where inPeriod(listing.createdAt) {
            count(fields: roots(listing.content.fieldIDs), sector: listing.sector) { stage in
                if listing.content.kind == .seed { stage.seeds += 1 } else { stage.needs += 1 }
                stage.candidateViews += views[listing.id] ?? 0
            }
        }
        // A person's fields: those of their profile and of their listings, as the mix reads them.
        let listingFields = Dictionary(grouping: listings, by: \.ownerID).mapValues { $0.flatMap(\.content.fieldIDs) }
        func personRoots(_ id: Int64) -> Set<String> { roots((membersByID[id]?.fieldIDs ?? []) + (listingFields[id] ?? [])) }
        let outcomesByIntroduction = Dictionary(grouping: outcomes, by: \.introductionID)
        var outcomeCounts: [OutcomeKind: Int] = [:]
        for outcome in outcomes { outcomeCounts[outcome.kind, default: 0] += 1 }
        for introduction in introductions {
            let recipient = membersByID[introduction.recipientID]
            let listing = introduction.listingID.flatMap { listingsByID[$0] }
            let askedFor = roots(listing?.content.fieldIDs ?? recipient?.fieldIDs ?? [])
            let askedBy = personRoots(introduction.requesterID)
            let sector = listing.map(\.sector) ?? recipient?.organizationID.flatMap { sectors[$0] }
            let outcome = outcomesByIntroduction[introduction.id, default: []].contains { $0.kind != .noFurtherAction }
            count(fields: askedFor, sector: sector) { stage in
                stage.requested += 1
                if [.approved, .accepted, .refused].contains(introduction.status) { stage.approved += 1 }
                if introduction.status == .accepted { stage.accepted += 1 }
                if outcome { stage.withOutcome += 1 }
                if !askedFor.isEmpty && !askedBy.isEmpty && askedFor.isDisjoint(with: askedBy) { stage.crossField += 1 }
            }
        }
        let fieldOrder = Dictionary(uniqueKeysWithValues: tree.fields.enumerated().map { ($0.element.key, $0.offset) })
        return Report(
            total: total,
            byField: byField.values.sorted { (fieldOrder[$0.key ?? ""] ?? .max) < (fieldOrder[$1.key ?? ""] ?? .max) },
            bySector: Sector.allCases.compactMap { bySector[$0.rawValue] },
            outcomes: outcomeCounts
        )
    }
}
