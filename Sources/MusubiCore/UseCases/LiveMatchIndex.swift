import Foundation
import Synchronization

/// The matching index of every listing, kept in memory by the server: loaded from the
/// database at start and updated by every change made through the core.
///
/// A listing whose details only some may read is indexed twice: in full, and as its
/// summary alone. Each viewer gets candidates from exactly the version they may read, so
/// confidential details never feed a candidate shown to someone who may not read them.
public final class LiveMatchIndex: Sendable {
    struct Entry: Sendable {
        var audience: ListingAudience
        var hasSummaryVersion: Bool
    }

    private struct State: Sendable {
        var index: MatchIndex
        var entries: [Int64: Entry] = [:]
        var isLoaded = false
        /// Changes made while rebuilds read the database, replayed onto what they load so
        /// that a rebuild never brings back a listing as it was before a change.
        var changes = 0
        var changeLog: [Change] = []
        var rebuildsUnderWay = 0
        var ticketsIssued = 0
        var loadedTicket = 0

        mutating func apply(_ change: Change) {
            index.remove(id: LiveMatchIndex.documentID(change.listingID, summary: true))
            for version in change.versions { index.add(version) }
            entries[change.listingID] = Entry(audience: change.audience, hasSummaryVersion: change.versions.count > 1)
        }
    }

    private struct Change: Sendable {
        var number: Int
        var listingID: Int64
        var audience: ListingAudience
        var versions: [MatchDocument]
    }

    /// A rebuild in progress: which it is, and how many changes came before it read.
    public struct RebuildTicket: Sendable {
        let number: Int
        let changesBefore: Int
    }

    public struct Found: Sendable, Equatable {
        public var listingID: Int64
        public var score: Double
        public var reasons: [MatchIndex.Reason]
    }

    private let state: Mutex<State>

    public init(dictionary: ConceptDictionary = .standard) {
        self.state = Mutex(State(index: MatchIndex(dictionary: dictionary)))
    }

    public var isLoaded: Bool { state.withLock { $0.isLoaded } }
    public var count: Int { state.withLock { $0.entries.count } }

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

    /// Replaces the whole index with these listings, read with this dictionary (the bundled
    /// one extended by the coordinators'). Changes made since the ticket was issued are
    /// applied on top; a rebuild that began before one already loaded is dropped.
    public func load(_ listings: [Listing], fields: FieldTree, dictionary: ConceptDictionary, ticket: RebuildTicket? = nil) {
        var index = MatchIndex(dictionary: dictionary, fields: FieldHierarchy(fields))
        var entries: [Int64: Entry] = [:]
        var documents: [MatchDocument] = []
        for listing in listings {
            let versions = Self.documents(of: listing, fields: fields)
            documents += versions
            entries[listing.id] = Entry(audience: listing.audience, hasSummaryVersion: versions.count > 1)
        }
        index.add(contentsOf: documents)
        state.withLock { state in
            defer { if ticket != nil { Self.end(&state) } }
            if let ticket, ticket.number < state.loadedTicket { return }
            var loaded = state
            (loaded.index, loaded.entries, loaded.isLoaded) = (index, entries, true)
            for change in state.changeLog where change.number > (ticket?.changesBefore ?? state.changes) { loaded.apply(change) }
            loaded.loadedTicket = ticket?.number ?? state.loadedTicket
            state = loaded
        }
    }

    public func update(_ listing: Listing, fields: FieldTree) {
        let versions = Self.documents(of: listing, fields: fields)
        state.withLock { state in
            state.changes += 1
            let change = Change(number: state.changes, listingID: listing.id, audience: listing.audience, versions: versions)
            state.apply(change)
            if state.rebuildsUnderWay > 0 { state.changeLog.append(change) }
        }
    }

    private static func end(_ state: inout State) {
        state.rebuildsUnderWay -= 1
        if state.rebuildsUnderWay == 0 { state.changeLog = [] }
    }

    /// The best listings of the other kind for `listing`, among those `viewer` may see,
    /// scored on the versions they may read.
    public func candidates(for listing: Listing, viewer: Actor, organization: Int64?, fields: FieldTree, limit: Int, now: Date) -> [Found] {
        let read = { (audience: ListingAudience) in Policy.can(viewer, .readDetails(viewerOrganization: organization), .listing(audience)) }
        let versions = Self.documents(of: listing, fields: fields)
        let query = read(listing.audience) ? versions[0] : versions.last!
        let kinds: Set<MatchDocument.Kind> = listing.content.kind == .need ? [.seed] : [.need]
        return state.withLock { state in
            state.index.candidates(for: query, kinds: kinds, limit: limit, now: now) { id in
                guard let (listingID, isSummary) = Self.parse(id), listingID != listing.id, let entry = state.entries[listingID],
                      Policy.can(viewer, .view, .listing(entry.audience)) else { return false }
                let mayRead = read(entry.audience)
                return entry.hasSummaryVersion ? isSummary != mayRead : mayRead
            }.compactMap { candidate in
                Self.parse(candidate.id).map { Found(listingID: $0.listingID, score: candidate.score, reasons: candidate.reasons) }
            }
        }
    }

    /// The listing in full, and, when only some may read its details, its summary alone.
    static func documents(of listing: Listing, fields: FieldTree) -> [MatchDocument] {
        let content = listing.content
        let full = MatchDocument(
            id: documentID(listing.id, summary: false), kind: content.kind == .seed ? .seed : .need, title: content.title,
            body: content.summary + "\n" + content.details, keywords: content.keywords,
            fields: content.fieldIDs.compactMap { fields.field($0)?.key }, sector: listing.sector,
            status: status(listing.status), updatedAt: listing.updatedAt, expiresAt: content.expiresOn
        )
        guard [.coordinators, .organizations].contains(content.disclosure) else { return [full] }
        var summary = full
        summary.id = documentID(listing.id, summary: true)
        summary.body = content.summary
        return [full, summary]
    }

    static func documentID(_ listingID: Int64, summary: Bool) -> String {
        summary ? "\(listingID)~" : "\(listingID)"
    }

    static func parse(_ documentID: String) -> (listingID: Int64, isSummary: Bool)? {
        let isSummary = documentID.hasSuffix("~")
        return Int64(isSummary ? String(documentID.dropLast()) : documentID).map { ($0, isSummary) }
    }

    private static func status(_ status: ListingStatus) -> MatchDocument.Status {
        switch status {
        case .open: .open
        case .inDiscussion: .inDiscussion
        case .matched: .matched
        case .closed: .closed
        }
    }
}
