/// A directory search: every given filter must hold. Terms are already normalised.
public struct DirectoryQuery: Sendable, Equatable {
    public var terms: [String]
    public var sector: Sector?
    /// The chosen field with all its descendants; empty means any field.
    public var fieldIDs: [Int64]
    public var prefectureCode: String?
    public var municipality: String?
    public var page: PageRequest

    public init(
        terms: [String] = [], sector: Sector? = nil, fieldIDs: [Int64] = [], prefectureCode: String? = nil,
        municipality: String? = nil, page: PageRequest = .init()
    ) {
        self.terms = terms
        self.sector = sector
        self.fieldIDs = fieldIDs
        self.prefectureCode = prefectureCode
        self.municipality = municipality
        self.page = page
    }
}
