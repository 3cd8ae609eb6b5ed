import Foundation

/// A search of listings: every given filter must hold. Terms are already normalised and are
/// looked for in the title, summary and keywords, never in the details.
public struct ListingQuery: Sendable, Equatable {
    public var terms: [String]
    public var kind: ListingKind?
    /// The chosen field with all its descendants; empty means any field.
    public var fieldIDs: [Int64]
    /// The sector of the posting organisation.
    public var sector: Sector?
    /// Empty means every status.
    public var statuses: [ListingStatus]
    /// The disclosure levels the viewer may see listed.
    public var disclosures: [Disclosure]
    public var ownerID: Int64?
    /// The organisation that posted them.
    public var organizationID: Int64?
    /// When given, listings that expired by then are left out.
    public var current: Date?
    public var page: PageRequest

    public init(
        terms: [String] = [], kind: ListingKind? = nil, fieldIDs: [Int64] = [], sector: Sector? = nil, statuses: [ListingStatus] = [],
        disclosures: [Disclosure] = Disclosure.allCases, ownerID: Int64? = nil, organizationID: Int64? = nil, current: Date? = nil,
        page: PageRequest = .init()
    ) {
        self.organizationID = organizationID
        self.terms = terms
        self.kind = kind
        self.fieldIDs = fieldIDs
        self.sector = sector
        self.statuses = statuses
        self.disclosures = disclosures
        self.ownerID = ownerID
        self.current = current
        self.page = page
    }
}

public protocol ListingRepository: Sendable {
    func insert(ownerID: Int64, organizationID: Int64?, sector: Sector?, draft: ListingDraft, at: Date) async throws -> Listing
    func update(id: Int64, with draft: ListingDraft, at: Date) async throws
    func setStatus(id: Int64, to status: ListingStatus, at: Date) async throws
    func find(id: Int64) async throws -> Listing?
    func search(_ query: ListingQuery) async throws -> Page<Listing>
    /// Every listing, for building the matching index.
    func all() async throws -> [Listing]
}

/// The concepts coordinators added to the matching dictionary.
public protocol ConceptRepository: Sendable {
    func all() async throws -> [Concept]
    /// Adds the concept, or replaces the one with its key.
    func save(_ concept: Concept, by memberID: Int64?, at: Date) async throws
    func delete(key: String) async throws -> Bool
}
