import Foundation
import Synchronization

/// The matching index of every listing and every active person's profile, kept in memory
/// by the server: loaded from the database at start and updated by every change made
/// through the core.
///
/// A listing whose details only some may read is indexed twice: in full, and as its
/// summary alone. Each viewer gets candidates from exactly the version they may read, so
/// confidential details never feed a candidate shown to someone who may not read them.
/// A person is indexed by what they offer (as a seed) and what they seek (as a need).
public final class LiveMatchIndex: Sendable {
    struct Entry: Sendable {
        var audience: ListingAudience
        var hasSummaryVersion: Bool
        var organizationID: Int64?
    }

    private struct State: Sendable {
        var index: MatchIndex
        var listings: [Int64: Entry] = [:]
        /// Each indexed person's organisation.
        var people: [Int64: Int64?] = [:]
        var isLoaded = false
        /// Changes made while rebuilds read the database, replayed onto what they load so
        /// that a rebuild never brings back a listing or a profile as it was before a change.
        var changes = 0
        var changeLog: [Change] = []
        var rebuildsUnderWay = 0
        var ticketsIssued = 0
        var loadedTicket = 0

        mutating func apply(_ change: Change) {
            for id in LiveMatchIndex.documentIDs(of: change.subject) { index.remove(id: id) }
            for version in change.versions { index.add(version) }
            switch change.subject {
            case .listing(let id):
                listings[id] = change.audience.map {
                    Entry(audience: $0, hasSummaryVersion: change.versions.count > 1, organizationID: change.organizationID)
                }
            case .person(let id):
                people[id] = change.versions.isEmpty ? nil : .some(change.organizationID)
            }
        }
    }

    private struct Change: Sendable {
        var number: Int
        var subject: MatchSubject
        var audience: ListingAudience?
        var organizationID: Int64?
        var versions: [MatchDocument]
    }

    /// A rebuild in progress: which it is, and how many changes came before it read.
    public struct RebuildTicket: Sendable {
        let number: Int
        let changesBefore: Int
    }

    public struct Found: Sendable, Equatable {
        public var subject: MatchSubject
        public var score: Double
        public var reasons: [MatchIndex.Reason]
        /// Who stands behind it: the listing's owner, or the person.
        public var ownerID: Int64
        public var organizationID: Int64?
        /// Its field keys.
        public var fields: [String]
    }

    /// A person as the index reads them: their profile, their organisation's sector.
    public struct Person: Sendable {
        public var member: Member
        public var sector: Sector?

        public init(_ member: Member, sector: Sector?) {
            self.member = member
            self.sector = sector
        }
    }

    /// Which kinds of subject a search returns.
    public struct Subjects: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let listings = Subjects(rawValue: 1)
        public static let people = Subjects(rawValue: 2)
        public static let all: Subjects = [.listings, .people]
    }

    private let state: Mutex<State>

    public init(dictionary: ConceptDictionary = .standard) {
        self.state = Mutex(State(index: MatchIndex(dictionary: dictionary)))
    }

    public var isLoaded: Bool { state.withLock { $0.isLoaded } }
    /// The number of listings indexed.
    public var count: Int { state.withLock { $0.listings.count } }

    /// Call before reading the listings for `load`, and give `load` the ticket (or
    /// `abandonRebuild` it when the read fails).
    public func beginRebuild() -> RebuildTicket {
        state.withLock { state in
            state.rebuildsUnderWay += 1
            state.ticketsIssued += 1
            return RebuildTicket(number: state.ticketsIssued, changesBefore: state.changes)
        }
    }

    public func abandonRebuild(_ ticket: RebuildTicket) {
        state.withLock { Self.end(&$0) }
    }

    /// Replaces the whole index with these listings and people, read with this dictionary
    /// (the bundled one extended by the coordinators'). Changes made since the ticket was
    /// issued are applied on top; a rebuild that began before one already loaded is dropped.
    public func load(
        _ listings: [Listing], people: [Person] = [], fields: FieldTree, dictionary: ConceptDictionary, ticket: RebuildTicket? = nil
    ) {
        var index = MatchIndex(dictionary: dictionary, fields: FieldHierarchy(fields))
        var entries: [Int64: Entry] = [:]
        var indexedPeople: [Int64: Int64?] = [:]
        var documents: [MatchDocument] = []
        for listing in listings {
            let versions = Self.documents(of: listing, fields: fields)
            documents += versions
            entries[listing.id] = Entry(audience: listing.audience, hasSummaryVersion: versions.count > 1, organizationID: listing.organizationID)
        }
        for person in people {
            let versions = Self.documents(of: person, fields: fields)
            documents += versions
            if !versions.isEmpty { indexedPeople[person.member.id] = .some(person.member.organizationID) }
        }
        index.add(contentsOf: documents)
        state.withLock { state in
            defer { if ticket != nil { Self.end(&state) } }
            if let ticket, ticket.number < state.loadedTicket { return }
            var loaded = state
            (loaded.index, loaded.listings, loaded.people, loaded.isLoaded) = (index, entries, indexedPeople, true)
            for change in state.changeLog where change.number > (ticket?.changesBefore ?? state.changes) { loaded.apply(change) }
            loaded.loadedTicket = ticket?.number ?? state.loadedTicket
            state = loaded
        }
    }

    public func update(_ listing: Listing, fields: FieldTree) {
        record(
            .listing(listing.id), audience: listing.audience, organizationID: listing.organizationID,
            versions: Self.documents(of: listing, fields: fields))
    }

    /// Indexes the person's profile anew, or takes them out when they are no longer active.
    public func update(_ person: Person, fields: FieldTree) {
        record(
            .person(person.member.id), audience: nil, organizationID: person.member.organizationID,
            versions: Self.documents(of: person, fields: fields))
    }

    private func record(_ subject: MatchSubject, audience: ListingAudience?, organizationID: Int64?, versions: [MatchDocument]) {
        state.withLock { state in
            state.changes += 1
            let change = Change(number: state.changes, subject: subject, audience: audience, organizationID: organizationID, versions: versions)
            state.apply(change)
            if state.rebuildsUnderWay > 0 { state.changeLog.append(change) }
        }
    }

    private static func end(_ state: inout State) {
        state.rebuildsUnderWay -= 1
        if state.rebuildsUnderWay == 0 { state.changeLog = [] }
    }

    /// The best subjects for `listing` (listings of the other kind, people who offer what
    /// it seeks or seek what it offers), among those `viewer` may see, scored on the
    /// versions they may read. Its owner is never their own candidate.
    public func candidates(
        for listing: Listing, viewer: Requester, organization: Int64?, fields: FieldTree, subjects: Subjects = .listings, limit: Int, now: Date,
        sharedTerms: Bool = true
    ) -> [Found] {
        let read = Self.reader(viewer, organization)
        let versions = Self.documents(of: listing, fields: fields)
        let query = read(listing.audience) ? versions[0] : versions.last!
        let kind: MatchDocument.Kind = listing.content.kind == .need ? .seed : .need
        return search(
            [(query, kind)], subjects: subjects, excluding: [.listing(listing.id), .person(listing.ownerID)], viewer: viewer, read: read,
            limit: limit, now: now, sharedTerms: sharedTerms
        )
    }

    /// The best subjects for a person: needs and people seeking what they offer, seeds and
    /// people offering what they seek, best first. Never the person or their own listings,
    /// nor `excluding`.
    public func candidates(
        for person: Person, viewer: Requester, organization: Int64?, fields: FieldTree, subjects: Subjects = .all,
        excluding: Set<MatchSubject> = [], limit: Int, now: Date, sharedTerms: Bool = true
    ) -> [Found] {
        let queries = Self.documents(of: person, fields: fields).map { ($0, $0.kind == .seed ? MatchDocument.Kind.need : .seed) }
        return search(
            queries, subjects: subjects, excluding: excluding.union([.person(person.member.id)]), excludingListingsOf: person.member.id,
            viewer: viewer, read: Self.reader(viewer, organization), limit: limit, now: now, sharedTerms: sharedTerms
        )
    }

    /// The best seeds (for a need) or needs (for a seed) among the listings `viewer` may
    /// see, and with `.people` the people who offer (or seek) it, for a document that is not
    /// in the index: a row of a coordinator's upload, a funding call.
    public func candidates(
        for document: MatchDocument, viewer: Requester, organization: Int64?, subjects: Subjects = .listings, limit: Int, now: Date
    ) -> [Found] {
        let kind: MatchDocument.Kind = document.kind == .need ? .seed : .need
        return search(
            [(document, kind)], subjects: subjects, excluding: [], viewer: viewer, read: Self.reader(viewer, organization), limit: limit, now: now)
    }

    private static func reader(_ viewer: Requester, _ organization: Int64?) -> (ListingAudience) -> Bool {
        { Policy.can(viewer, .readDetails(viewerOrganization: organization), .listing($0)) }
    }

    /// Runs each query for its kind and keeps each subject's best score.
    private func search(
        _ queries: [(MatchDocument, MatchDocument.Kind)], subjects: Subjects, excluding: Set<MatchSubject>, excludingListingsOf owner: Int64? = nil,
        viewer: Requester,
        read: (ListingAudience) -> Bool, limit: Int, now: Date, sharedTerms: Bool = true
    ) -> [Found] {
        let seesPeople = Policy.can(viewer, .list, .members)
        return state.withLock { state in
            var best: [MatchSubject: Found] = [:]
            for (query, kind) in queries {
                let found = state.index.candidates(for: query, kinds: [kind], limit: limit, now: now, sharedTerms: sharedTerms) { id in
                    guard let (subject, isSummary) = Self.parse(id), !excluding.contains(subject) else { return false }
                    switch subject {
                    case .person(let memberID):
                        return subjects.contains(.people) && seesPeople && state.people[memberID] != nil
                    case .listing(let listingID):
                        guard subjects.contains(.listings), let entry = state.listings[listingID], entry.audience.ownerID != owner,
                            Policy.can(viewer, .view, .listing(entry.audience))
                        else { return false }
                        let mayRead = read(entry.audience)
                        return entry.hasSummaryVersion ? isSummary != mayRead : mayRead
                    }
                }
                for candidate in found {
                    guard let (subject, _) = Self.parse(candidate.id), (best[subject]?.score ?? -1) < candidate.score else { continue }
                    let (ownerID, organizationID): (Int64, Int64?) =
                        switch subject {
                        case .listing(let id): (state.listings[id]?.audience.ownerID ?? -1, state.listings[id]?.organizationID)
                        case .person(let id): (id, state.people[id] ?? nil)
                        }
                    best[subject] = Found(
                        subject: subject, score: candidate.score, reasons: candidate.reasons, ownerID: ownerID, organizationID: organizationID,
                        fields: candidate.fields
                    )
                }
            }
            return Array(best.values.sorted { MatchSubject.ranksBefore(($0.score, $0.subject), ($1.score, $1.subject)) }.prefix(limit))
        }
    }
}
