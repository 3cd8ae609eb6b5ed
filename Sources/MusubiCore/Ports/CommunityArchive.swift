import Foundation

/// The whole community as one zip file: every record of every table that holds community data
/// (JSON, a line per record) and the files those records keep, with a manifest that names the
/// format's version and the schema's. Credentials never leave: password hashes, sessions, API
/// tokens, webhook secrets and invitation links stay behind. Restored into an empty database
/// of either engine, the community works again, and everyone signs in through a sign-in link.
public protocol CommunityArchiver: Sendable {
    /// Writes the archive of the database as it is at one moment.
    func export(to file: URL, at: Date) async throws -> CommunityArchiveSummary
}

/// How much an archive holds.
public struct CommunityArchiveSummary: Sendable, Equatable, Codable {
    /// Records, by table.
    public var records: [String: Int]
    public var files: Int
    /// Files records name that the file store no longer has: named in the manifest, not carried.
    public var missingFiles: [String]

    public init(records: [String: Int], files: Int, missingFiles: [String] = []) {
        self.records = records
        self.files = files
        self.missingFiles = missingFiles
    }
}

/// Why an archive cannot be restored; nothing of it is kept.
public enum CommunityArchiveError: Error, Equatable, CustomStringConvertible {
    /// Not a zip file, or one without a manifest.
    case notAnArchive
    /// A zip file, but not one Musubi wrote.
    case foreign
    /// Written by a newer Musubi, in a format version this one does not know.
    case newerFormat(Int)
    /// Of another schema version than this Musubi's.
    case otherSchema(archive: Int, here: Int)
    /// An entry the manifest names is missing, cut short or damaged.
    case damaged(entry: String, why: String)
    /// The target database already holds records (of the named table).
    case targetNotEmpty(table: String)

    public var description: String {
        switch self {
        case .notAnArchive: "This is not a Musubi archive: not a zip file (or one cut short), or one without musubi-archive.json."
        case .foreign: "This zip file was not written by musubi export (its manifest is not a Musubi archive's)."
        case .newerFormat(let version): "This archive is of format version \(version), written by a newer Musubi: upgrade Musubi to restore it."
        case .otherSchema(let archive, let here):
            "This archive is of schema version \(archive) and this Musubi's is \(here): restore it with the Musubi that wrote it, then upgrade."
        case .damaged(let entry, let why): "The archive is damaged: \(entry): \(why)."
        case .targetNotEmpty(let table): "The database is not empty (\(table) has records): restore only into a new, empty database."
        }
    }
}
