import Foundation
import SQLKit

/// Reads a carried table a page at a time, in the order of its key (after the last key read,
/// so no page is read twice however large the table). A table keyed by text (the concepts,
/// a few hundred) is read whole and sorted here: databases order text by their own collation,
/// and an archive must read the same whichever wrote it.
struct ArchiveTableReader {
    let table: ArchiveTables.Carried
    let columns: [ArchiveColumn]

    func forEachPage(_ db: any SQLDatabase, _ body: ([[ArchiveValue]]) throws -> Void) async throws {
        let keys = table.key.map { key in columns.firstIndex { $0.name == key }! }
        func select() -> SQLSelectBuilder { db.select().columns(columns.map { SQLIdentifier($0.name) }).from(SQLIdentifier(table.name)) }
        guard keys.allSatisfy({ columns[$0].isInteger }) else {
            let all = try await select().all().map { try ArchiveRecords.values(of: $0, columns) }
            try body(all.sorted { first, second in Self.text(keys.map { first[$0] }).lexicographicallyPrecedes(Self.text(keys.map { second[$0] })) })
            return
        }
        var after: [any SQLExpression]?
        while true {
            let page = select()
            if let after {
                page.where(
                    SQLGroupExpression(SQLList(table.key.map { SQLIdentifier($0) })), .greaterThan, SQLGroupExpression(SQLList(after)))
            }
            for key in table.key { page.orderBy(SQLIdentifier(key)) }
            let rows = try await page.limit(SQLCommunityArchive.pageSize).all().map { try ArchiveRecords.values(of: $0, columns) }
            guard let last = rows.last else { return }
            try body(rows)
            if rows.count < SQLCommunityArchive.pageSize { return }
            after = keys.map { last[$0].sql }
        }
    }

    private static func text(_ values: [ArchiveValue]) -> [String] {
        values.map {
            switch $0 {
            case .null: ""
            case .integer(let value): String(value)
            case .text(let value): value
            }
        }
    }
}

/// A folder of its own for the files an export or a restore works through (private records:
/// never in the system's temporary folder), removed after.
struct ArchiveScratch {
    let folder: URL

    init(in parent: URL) throws {
        folder = parent.appendingPathComponent(".musubi-archive-" + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Writes lines to a file through a buffer of a megabyte.
final class ArchiveLineWriter {
    private let handle: FileHandle
    private var buffer = Data()

    init(_ file: URL) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        handle = try FileHandle(forWritingTo: file)
    }

    func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads a file a line at a time through a buffer of a megabyte.
final class ArchiveLineReader {
    private let handle: FileHandle
    private var buffer = Data()
    /// Where the next line starts in `buffer`.
    private var start = 0
    private var ended = false

    init(_ file: URL) throws {
        handle = try FileHandle(forReadingFrom: file)
    }

    deinit { try? handle.close() }

    /// The next line without its newline; nil at the end. A last line without a newline is
    /// given too (the caller counts records, so a cut-off file is found all the same).
    func next() throws -> Data? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return buffer[start..<newline]
            }
            if ended {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            buffer = Data(buffer[start...])
            start = 0
            if let more = try handle.read(upToCount: 1 << 20), !more.isEmpty { buffer.append(more) } else { ended = true }
        }
    }
}
