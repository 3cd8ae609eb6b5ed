import Foundation

/// An organisation (組織) in the network; every one has a sector.
public struct Organization: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var nameKana: String
    public var sector: Sector
    public var prefectureCode: String
    public var municipality: String
    public var website: String
    public var summary: String
    public var fieldIDs: [Int64]
    public var createdAt: Date

    public init(
        id: Int64, name: String, nameKana: String, sector: Sector, prefectureCode: String,
        municipality: String, website: String, summary: String, fieldIDs: [Int64], createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.nameKana = nameKana
        self.sector = sector
        self.prefectureCode = prefectureCode
        self.municipality = municipality
        self.website = website
        self.summary = summary
        self.fieldIDs = fieldIDs
        self.createdAt = createdAt
    }
}

/// The editable part of an organisation, as a form or the API sends it.
public struct OrganizationDraft: Codable, Sendable, Equatable {
    public var name: String
    public var nameKana: String
    public var sector: Sector
    public var prefectureCode: String
    public var municipality: String
    public var website: String
    public var summary: String
    public var fieldIDs: [Int64]

    public init(
        name: String, nameKana: String = "", sector: Sector, prefectureCode: String,
        municipality: String = "", website: String = "", summary: String = "", fieldIDs: [Int64] = []
    ) {
        self.name = name
        self.nameKana = nameKana
        self.sector = sector
        self.prefectureCode = prefectureCode
        self.municipality = municipality
        self.website = website
        self.summary = summary
        self.fieldIDs = fieldIDs
    }
}
