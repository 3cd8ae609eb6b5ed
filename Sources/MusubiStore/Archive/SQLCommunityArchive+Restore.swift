import Foundation
import MusubiCore
import SQLKit
import ZIPFoundation

extension SQLCommunityArchive {
    /// The most a manifest may unpack to.
    static let manifestLimit = 16 << 20

    /// Writes an archive back into an empty database of either engine, with its files, in one
    /// transaction: ids, threads, read positions and files are as they were; the search index
    /// is rebuilt. An archive that is damaged, cut short, foreign, or of another version is
    /// refused, and so is a database that holds records; then nothing is written.
    public func restore(from file: URL) async throws -> CommunityArchiveSummary {
        let zip: Archive
        do {
            zip = try Archive(url: file, accessMode: .read)
        } catch {
            throw CommunityArchiveError.notAnArchive
        }
        let manifest = try Self.manifest(of: zip)
        try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let scratch = try ArchiveScratch(in: workFolder)
        defer { scratch.remove() }
        var tables: [(carried: ArchiveTables.Carried, table: ArchiveManifest.Table, file: URL)] = []
        for carried in ArchiveTables.carried {
            guard let table = manifest.tables.first(where: { $0.name == carried.name }) else {
                throw CommunityArchiveError.damaged(entry: ArchiveManifest.entry, why: "it names no table \(carried.name)")
            }
            let unpacked = scratch.file(carried.name)
            try Self.unpack(table.entry, of: zip, to: unpacked)
            tables.append((carried, table, unpacked))
        }
        try await refuseUnlessEmpty()

        var saved: [String] = []
        do {
            for name in manifest.files {
                let entry = ArchiveManifest.filesEntry(name)
                let unpacked = scratch.file("file")
                try Self.unpack(entry, of: zip, to: unpacked)
                let data = try Data(contentsOf: unpacked)
                do {
                    try await files.save(data, as: name)
                } catch {
                    throw CommunityArchiveError.damaged(entry: entry, why: "it is not a name the file store gives, or the store has it already")
                }
                saved.append(name)
                try? FileManager.default.removeItem(at: unpacked)
            }
            let engine = persistence.engine
            let unpacked = tables
            let records = try await persistence.connections.withWriter { db in
                try await Self.refuseUnlessEmpty(db)
                var records: [String: Int] = [:]
                for table in unpacked {
                    records[table.carried.name] = try await Self.insert(table.carried, table.table, from: table.file, engine: engine, db)
                }
                if engine == .postgres { try await db.raw("DROP INDEX message_search_grams").run() }
                try await Self.indexMessages(db)
                if engine == .postgres {
                    try await db.raw("SET LOCAL maintenance_work_mem = '256MB'").run()
                    try await db.raw(SQLQueryString(CreateMessageSearch.postgresGramsIndex)).run()
                    try await Self.continueIdentities(db)
                }
                return records
            }
            return CommunityArchiveSummary(records: records, files: saved.count, missingFiles: manifest.missingFiles)
        } catch {
            for name in saved { try? await files.delete(name) }
            throw error
        }
    }

    private static func manifest(of zip: Archive) throws -> ArchiveManifest {
        guard let entry = zip[ArchiveManifest.entry] else { throw CommunityArchiveError.notAnArchive }
        guard entry.uncompressedSize <= manifestLimit else { throw CommunityArchiveError.damaged(entry: entry.path, why: "it is far too large") }
        var data = Data()
        do {
            _ = try zip.extract(entry) { data.append($0) }
        } catch {
            throw CommunityArchiveError.damaged(entry: entry.path, why: "it cannot be read (cut short or corrupted)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            object["format"] as? String == ArchiveManifest.formatName
        else { throw CommunityArchiveError.foreign }
        if let version = object["version"] as? Int, version > ArchiveManifest.formatVersion { throw CommunityArchiveError.newerFormat(version) }
        let manifest: ArchiveManifest
        do {
            manifest = try ArchiveManifest.decoded(data)
        } catch {
            throw CommunityArchiveError.damaged(entry: entry.path, why: "it is not a manifest of this format")
        }
        guard manifest.schemaVersion == Migrator.schemaVersion else {
            throw CommunityArchiveError.otherSchema(archive: manifest.schemaVersion, here: Migrator.schemaVersion)
        }
        return manifest
    }

    /// Unpacks an entry, its checksum checked: a cut-off or altered entry is found here.
    private static func unpack(_ path: String, of zip: Archive, to file: URL) throws {
        guard let entry = zip[path] else { throw CommunityArchiveError.damaged(entry: path, why: "it is missing") }
        do {
            _ = try zip.extract(entry, to: file)
        } catch {
            throw CommunityArchiveError.damaged(entry: path, why: "it cannot be read (cut short or corrupted)")
        }
    }

    private func refuseUnlessEmpty() async throws {
        try await persistence.connections.withReader { db in try await Self.refuseUnlessEmpty(db) }
    }

    private static func refuseUnlessEmpty(_ db: any SQLDatabase) async throws {
        for table in ArchiveTables.carried {
            let rows = try await db.raw("SELECT 1 AS found FROM \(ident: table.name) LIMIT 1").all()
            if !rows.isEmpty { throw CommunityArchiveError.targetNotEmpty(table: table.name) }
        }
    }

    /// Writes one table's records, many to a statement; gives how many there were.
    private static func insert(
        _ carried: ArchiveTables.Carried, _ table: ArchiveManifest.Table, from file: URL, engine: DatabaseEngine, _ db: any SQLDatabase
    ) async throws -> Int {
        let here = try await ArchiveRecords.columns(of: carried.name, engine: engine, db)
        let expected = here.filter { carried.withheld[$0.name] == nil }
        guard table.columns == expected else {
            throw CommunityArchiveError.damaged(entry: ArchiveManifest.entry, why: "the columns of \(carried.name) are not this schema's")
        }
        let withheld = carried.withheld.sorted { $0.key < $1.key }
        let names = expected.map(\.name) + withheld.map(\.key)
        let perStatement = max(1, 30_000 / names.count)
        let reader = try ArchiveLineReader(file)
        var batch: [[any SQLExpression]] = []
        var count = 0
        func flush() async throws {
            guard !batch.isEmpty else { return }
            try await db.insert(into: SQLIdentifier(carried.name)).columns(names.map { SQLIdentifier($0) }).rows(batch).run()
            batch.removeAll(keepingCapacity: true)
        }
        while let line = try reader.next() {
            count += 1
            guard count <= table.records else { break }
            switch ArchiveRecords.values(ofLine: line, expected) {
            case .failure(let why): throw CommunityArchiveError.damaged(entry: table.entry, why: "record \(count): \(why)")
            case .success(let values):
                batch.append(values.map(\.sql) + withheld.map { Self.value(for: $0.value).sql })
            }
            if batch.count >= perStatement { try await flush() }
        }
        try await flush()
        guard count == table.records else {
            throw CommunityArchiveError.damaged(entry: table.entry, why: "it holds \(count) records where the manifest says \(table.records)")
        }
        return count
    }

    private static func value(for withheld: ArchiveTables.Withheld) -> ArchiveValue {
        switch withheld {
        case .empty: return .text("")
        case .random:
            var generator = SystemRandomNumberGenerator()
            return .text((0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined())
        }
    }

    /// The search index, from the restored messages and their files' names, a page at a time.
    private static func indexMessages(_ db: any SQLDatabase) async throws {
        var after: Int64 = 0
        while true {
            let rows = try await db.raw(
                "SELECT id, body FROM messages WHERE id > \(bind: after) AND deleted_at IS NULL ORDER BY id LIMIT \(bind: pageSize)"
            ).all()
            guard let last = rows.last else { return }
            let messages = try rows.map { (id: try $0.int64("id"), body: try $0.string("body")) }
            let ids = messages.map(\.id)
            var fileNames: [Int64: [String]] = [:]
            for row in try await db.raw(
                "SELECT message_id, filename FROM message_files WHERE message_id BETWEEN \(bind: ids[0]) AND \(bind: ids[ids.count - 1]) ORDER BY id"
            ).all() {
                fileNames[try row.int64("message_id"), default: []].append(try row.string("filename"))
            }
            try await SQLMessageSearch(db: db).index(
                messages.map { ($0.id, SearchGrams.indexed(MessageText.searchable($0.body, fileNames: fileNames[$0.id] ?? []))) })
            after = try last.int64("id")
        }
    }

    /// PostgreSQL hands out ids from a sequence of its own: it continues after the restored ones.
    private static func continueIdentities(_ db: any SQLDatabase) async throws {
        for table in ArchiveTables.carried where table.key == ["id"] {
            try await db.raw(
                "SELECT setval(pg_get_serial_sequence(\(bind: table.name), 'id'), MAX(id)) FROM \(ident: table.name) HAVING MAX(id) IS NOT NULL"
            ).run()
        }
    }
}
