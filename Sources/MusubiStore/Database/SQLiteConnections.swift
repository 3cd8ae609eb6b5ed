import Foundation
import Logging
import MusubiCore
import SQLKit
import SQLiteKit

/// SQLite in WAL mode: one writer connection, so transactions never fight over locks, and a
/// few reader connections that run beside it. In memory (tests) a single connection does both.
/// Opened read-only (`musubi export`), every connection only reads and nothing is created.
final class SQLiteConnections: DatabaseConnections {
    let engine = DatabaseEngine.sqlite
    private let writer: ConnectionLease<SQLiteConnection>
    private let readers: ConnectionLease<SQLiteConnection>
    private let all: [SQLiteConnection]

    static func open(
        path: String?, synchronous: DatabaseLocation.SQLiteSynchronous = .full, readOnly: Bool = false, readers readerCount: Int = 4,
        logger: Logger
    ) async throws -> SQLiteConnections {
        guard let path else {
            let only = try await connect(.memory, synchronous: synchronous, logger: logger)
            return SQLiteConnections(writer: only, readers: [])
        }
        if readOnly {
            let only = try await openReadOnly(path: path, logger: logger)
            return SQLiteConnections(writer: only, readers: [])
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let writer = try await connect(.file(path: path), synchronous: synchronous, logger: logger)
        _ = try await writer.query("PRAGMA journal_mode = WAL")
        // A large write (an import) keeps its pages here instead of spilling them to the
        // log again and again: up to 64 MB, for the one writer.
        _ = try await writer.query("PRAGMA cache_size = -65536")
        // Temporary storage in memory, not in files written and thrown away: above all the
        // journal a statement keeps inside a transaction to undo itself (also sorts and
        // temporary indexes of the one writer).
        _ = try await writer.query("PRAGMA temp_store = MEMORY")
        var readers: [SQLiteConnection] = []
        for _ in 0..<readerCount {
            readers.append(try await connect(.file(path: path), synchronous: synchronous, logger: logger))
        }
        return SQLiteConnections(writer: writer, readers: readers)
    }

    /// A connection that cannot write, for an existing file only. In a folder it may not write
    /// to, SQLite cannot make the files a WAL reader shares with writers; as no one can write
    /// there either, the file is then read as unchanging (`immutable=1`), unless a log of
    /// commits not yet copied into it lies beside it (after a crash), which that would skip.
    private static func openReadOnly(path: String, logger: Logger) async throws -> SQLiteConnection {
        guard FileManager.default.isReadableFile(atPath: path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let uri = "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        let unchanging = !FileManager.default.isWritableFile(atPath: folder) && log == 0
        let suffix = unchanging ? "?mode=ro&immutable=1" : "?mode=ro"
        let connection = try await connect(.file(path: uri + suffix), synchronous: .full, logger: logger)
        _ = try await connection.query("PRAGMA query_only = ON")
        return connection
    }

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        let writerLease = ConnectionLease([writer])
        self.writer = writerLease
        self.readers = readers.isEmpty ? writerLease : ConnectionLease(readers)
        self.all = [writer] + readers
    }

    private static func connect(
        _ storage: SQLiteConnection.Storage, synchronous: DatabaseLocation.SQLiteSynchronous, logger: Logger
    ) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        // Reads go through a memory map rather than a read(2) per page: a sorted directory
        // page touches thousands of rows, a search looks up a thousand messages. The map
        // covers the whole file (SQLite caps it at its build's limit, 2 GB), as pages
        // beyond it fall back to a read(2) each.
        let pragmas = [
            "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000", "PRAGMA synchronous = \(synchronous.rawValue.uppercased())",
            "PRAGMA mmap_size = 17179869184",
        ]
        for pragma in pragmas {
            _ = try await connection.query(pragma)
        }
        return connection
    }

    func withReader<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { try await work($0.sql()) }
    }

    /// A change waits for the writer (held by a long import, say) as long as `DatabasePatience`
    /// says, then is answered "busy"; another process's write is waited for `busy_timeout` (5 s).
    func withWriter<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await writer.with(patience: DatabasePatience.limit) { connection in
                try await connection.sql().inTransaction(begin: "BEGIN IMMEDIATE", work)
            }
        } catch let error as SQLiteError where Self.isBusy(error) {
            // Another process (`musubi import slack`) holds the database longer than busy_timeout.
            throw MusubiError.busy(retryAfter: 5)
        }
    }

    private static func isBusy(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot: true
        default: false
        }
    }

    func run() async throws {
        try await Task.sleepUntilCancelled()
    }

    /// Closes every connection, also from a cancelled task (a service group cancelled rather
    /// than shut down): the async `close()` of SQLiteNIO does nothing once its task is
    /// cancelled, and leaves the file open.
    func close() async throws {
        var failure: (any Error)?
        for connection in all {
            do { try await connection.close().get() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }
}

extension Task where Success == Never, Failure == Never {
    /// Waits until the surrounding task is cancelled.
    static func sleepUntilCancelled() async throws {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}
