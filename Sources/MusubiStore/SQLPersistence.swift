import Foundation
import Logging
import MusubiCore
import SQLKit

/// The core's `Persistence` on SQLite or PostgreSQL: one SQL implementation for both.
public final class SQLPersistence: Persistence {
    let connections: any DatabaseConnections

    public var engine: DatabaseEngine { connections.engine }

    private init(connections: any DatabaseConnections) {
        self.connections = connections
    }

    /// Opens the database. For PostgreSQL, `run()` must be running (it is a service) before
    /// the first query. `readOnly` opens an SQLite file so that nothing can be written or
    /// created (for `export`, also from a read-only folder); do not migrate such a database.
    public static func open(_ location: DatabaseLocation, readOnly: Bool = false, logger: Logger) async throws -> SQLPersistence {
        switch location {
        case .sqliteFile(let path, let synchronous):
            return SQLPersistence(
                connections: try await SQLiteConnections.open(path: path, synchronous: synchronous, readOnly: readOnly, logger: logger))
        case .sqliteMemory:
            return SQLPersistence(connections: try await SQLiteConnections.open(path: nil, logger: logger))
        case .postgres(let address):
            return SQLPersistence(connections: PostgresConnections(address, logger: logger))
        }
    }

    public func read<T: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> T) async throws -> T {
        try await connections.withReader { try await work(SQLRepositories(db: $0)) }
    }

    public func write<T: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> T) async throws -> T {
        try await connections.withWriter { try await work(SQLRepositories(db: $0)) }
    }

    /// Applies pending migrations; returns the versions applied now.
    @discardableResult
    public func migrate(now: Date = Date()) async throws -> [Int] {
        try await Migrator(connections: connections).migrate(now: now)
    }

    /// The migrations this database lacks, by name: none for a database this version may
    /// read and write without migrating.
    public func pendingMigrations() async throws -> [String] {
        try await Migrator(connections: connections).pending()
    }

    /// Whether the directory holds nobody yet (the moment to offer the demo).
    public func isEmpty() async throws -> Bool {
        try await connections.withReader { db in
            let people = try await db.count("SELECT COUNT(*) AS n FROM members")
            let organizations = try await db.count("SELECT COUNT(*) AS n FROM organizations")
            return people + organizations == 0
        }
    }

    /// How many rows the tables people write to hold, by table: what shows that a refused
    /// import (or any refused change) wrote nothing.
    public func rowCounts() async throws -> [String: Int] {
        let tables = [
            "members", "organizations", "study_groups", "channels", "channel_members", "messages", "message_mentions", "message_reactions",
            "message_files", "message_search", "audit_log",
        ]
        return try await connections.withReader { db in
            var counts: [String: Int] = [:]
            for table in tables { counts[table] = try await db.count("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)") }
            return counts
        }
    }

    /// Every table of the schema (SQLite's own tables, and those of its search index's
    /// engine, aside).
    public func tableNames() async throws -> [String] {
        let query: SQLQueryString =
            switch engine {
            case .sqlite:
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'message_search_%' ORDER BY name"
            case .postgres:
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
            }
        return try await connections.withReader { db in try await db.raw(query).all().map { try $0.decode(column: "name", as: String.self) } }
    }

    /// A setting of the reading and of the writing connection (`PRAGMA name`), for tests.
    func pragma(_ name: String) async throws -> (reader: Int, writer: Int) {
        let query = SQLQueryString("PRAGMA \(unsafeRaw: name)")
        let read: @Sendable (any SQLDatabase) async throws -> Int = { db in
            try await db.raw(query).first()?.decode(column: name, as: Int.self) ?? -1
        }
        return (try await connections.withReader(read), try await connections.withWriter(read))
    }

    /// Keeps the connections alive until cancelled; run it as a service.
    public func run() async throws {
        try await connections.run()
    }

    public func close() async throws {
        try await connections.close()
    }
}
