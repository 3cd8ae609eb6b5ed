import Foundation
import MusubiCore
import SQLKit
import ZIPFoundation

/// The community archive of one database and its file store (see `CommunityArchiver`).
/// Export reads every carried table in one read transaction, a page of records at a time,
/// into a file of JSON lines beside the archive, then deflated into it: memory stays bounded
/// whatever the size of the community. Restore (`restore(from:)`) writes it back, unpacking
/// into `workFolder` (the data folder's, as the records are private).
public struct SQLCommunityArchive: CommunityArchiver {
    let persistence: SQLPersistence
    let files: any FileStore
    let workFolder: URL

    public init(persistence: SQLPersistence, files: any FileStore, workFolder: URL) {
        self.persistence = persistence
        self.files = files
        self.workFolder = workFolder
    }

    /// Records read at a time.
    static let pageSize = 5_000

    /// The tables an archive carries, in the order a restore writes them.
    public static var carriedTables: [String] { ArchiveTables.carried.map(\.name) }
    /// The tables it leaves out, and why.
    public static var leftOutTables: [String: String] { ArchiveTables.leftOut }

    public func export(to file: URL, at now: Date) async throws -> CommunityArchiveSummary {
        do {
            return try await write(file, at: now)
        } catch {
            // Half an archive is worse than none: it could be taken for the whole.
            try? FileManager.default.removeItem(at: file)
            throw error
        }
    }

    private func write(_ file: URL, at now: Date) async throws -> CommunityArchiveSummary {
        let scratch = try ArchiveScratch(in: file.deletingLastPathComponent())
        defer { scratch.remove() }
        try? FileManager.default.removeItem(at: file)
        let zip = try Archive(url: file, accessMode: .create)
        let engine = persistence.engine
        let written = try await persistence.connections.withReader { db in
            // One snapshot of the whole database, however long the export takes.
            try await db.inTransaction(begin: engine == .postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN") { db in
                var written: [(table: ArchiveManifest.Table, file: URL, storedNames: Set<String>)] = []
                for table in ArchiveTables.carried { written.append(try await Self.write(table, engine: engine, db, into: scratch)) }
                return written
            }
        }
        var storedNames = Set<String>()
        for table in written {
            try zip.addEntry(with: table.table.entry, fileURL: table.file, compressionMethod: .deflate)
            try? FileManager.default.removeItem(at: table.file)
            storedNames.formUnion(table.storedNames)
        }
        let tables = written.map(\.table)
        var carried: [String] = []
        var missing: [String] = []
        for name in storedNames.sorted() {
            guard let data = try? await files.read(name) else {
                missing.append(name)
                continue
            }
            try zip.addEntry(with: ArchiveManifest.filesEntry(name), type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
            carried.append(name)
        }
        let manifest = ArchiveManifest(
            format: ArchiveManifest.formatName, version: ArchiveManifest.formatVersion, schemaVersion: Migrator.schemaVersion, exportedAt: now,
            tables: tables, files: carried, missingFiles: missing,
            withheld: Dictionary(
                uniqueKeysWithValues: ArchiveTables.carried.filter { !$0.withheld.isEmpty }.map { ($0.name, $0.withheld.keys.sorted()) }),
            leftOut: ArchiveTables.leftOut
        )
        let data = try manifest.encoded()
        try zip.addEntry(with: ArchiveManifest.entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
            position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
        return CommunityArchiveSummary(
            records: Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.records) }), files: carried.count, missingFiles: missing)
    }

    /// One table's records as JSON lines in a scratch file, in the order of its key, and the
    /// stored files they name.
    private static func write(
        _ table: ArchiveTables.Carried, engine: DatabaseEngine, _ db: any SQLDatabase, into scratch: ArchiveScratch
    ) async throws -> (table: ArchiveManifest.Table, file: URL, storedNames: Set<String>) {
        let columns = try await ArchiveRecords.columns(of: table.name, engine: engine, db).filter { table.withheld[$0.name] == nil }
        let file = scratch.file(table.name)
        let output = try ArchiveLineWriter(file)
        let storedNameColumn = ArchiveTables.storedNameColumns.first { $0.table == table.name }.flatMap { named in
            columns.firstIndex { $0.name == named.column }
        }
        var storedNames = Set<String>()
        var count = 0
        try await ArchiveTableReader(table: table, columns: columns).forEachPage(db) { page in
            for values in page {
                try output.write(ArchiveRecords.line(values, columns))
                if let storedNameColumn, case .text(let name) = values[storedNameColumn] { storedNames.insert(name) }
            }
            count += page.count
        }
        try output.close()
        let entry = "tables/\(table.name).jsonl"
        return (ArchiveManifest.Table(name: table.name, entry: entry, columns: columns, records: count), file, storedNames)
    }
}
