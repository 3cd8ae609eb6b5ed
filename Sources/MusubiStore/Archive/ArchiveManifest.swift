import Foundation

/// `musubi-archive.json`, the first thing a restore reads: what wrote the archive, the
/// schema its records are of, and each table's columns, record count and entry.
struct ArchiveManifest: Codable, Sendable {
    static let entry = "musubi-archive.json"
    static let formatName = "musubi-community-archive"
    /// Raised when the layout changes; a restore refuses versions newer than its own.
    static let formatVersion = 1

    struct Table: Codable, Sendable {
        var name: String
        var entry: String
        var columns: [ArchiveColumn]
        var records: Int
    }

    var format: String
    var version: Int
    var schemaVersion: Int
    var exportedAt: Date
    var tables: [Table]
    /// The stored files carried, each under `files/<name>`.
    var files: [String]
    var missingFiles: [String]
    /// Columns that never leave the database, by table.
    var withheld: [String: [String]]
    /// Tables left out, and why: for whoever reads the archive.
    var leftOut: [String: String]

    static func filesEntry(_ name: String) -> String { "files/" + name }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    static func decoded(_ data: Data) throws -> ArchiveManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ArchiveManifest.self, from: data)
    }
}
