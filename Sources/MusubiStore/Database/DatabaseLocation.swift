import Foundation

/// Where the data lives: an SQLite file (the embedded default), SQLite in memory (tests), or
/// a PostgreSQL server given by URL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String, synchronous: SQLiteSynchronous = .full)
    case sqliteMemory
    case postgres(PostgresAddress)

    /// How SQLite makes a commit durable. `full` (the default) syncs the log at every commit,
    /// so what was acknowledged survives a power cut; `normal` syncs only at checkpoints and
    /// may lose the last commits before a power cut or disk failure (never corrupting the
    /// file), for those who accept that for faster writes (`?synchronous=normal`).
    public enum SQLiteSynchronous: String, Sendable, CaseIterable {
        case full, normal
    }

    public struct PostgresAddress: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var tlsMode: String
        /// A schema of its own inside a shared database (`?schema=name`); created if missing.
        public var schema: String?
        /// The most connections the pool opens (`?pool=N`, 16 unless given): the server's
        /// `max_connections` is shared by every instance, tool and test run that uses it.
        public var poolSize: Int = 16
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case unsupported(String)

        public var description: String {
            switch self {
            case .unsupported(let why): "Unsupported database URL: \(why)"
            }
        }
    }

    /// Reads `sqlite:///abs/path.sqlite[?synchronous=full|normal]`, `sqlite::memory:`, or
    /// `postgres://user:password@host:port/database?sslmode=disable|prefer|require&schema=name&pool=N`.
    public static func parse(_ url: String) throws -> DatabaseLocation {
        if url == "sqlite::memory:" { return .sqliteMemory }
        if url.hasPrefix("sqlite://") {
            let rest = url.dropFirst("sqlite://".count)
            let path = String(rest.prefix { $0 != "?" })
            guard !path.isEmpty else { throw ParseError.unsupported("an sqlite URL needs a file path") }
            let query = URLComponents(string: "x:" + rest.drop { $0 != "?" })?.queryItems ?? []
            if let unknown = query.first(where: { $0.name != "synchronous" }) {
                throw ParseError.unsupported("an sqlite URL takes only ?synchronous=, not \(unknown.name)")
            }
            let synchronousText = query.first?.value ?? SQLiteSynchronous.full.rawValue
            guard let synchronous = SQLiteSynchronous(rawValue: synchronousText) else {
                throw ParseError.unsupported("synchronous must be full or normal")
            }
            return .sqliteFile(path: path, synchronous: synchronous)
        }
        guard let components = URLComponents(string: url),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else { throw ParseError.unsupported("expected sqlite://PATH or postgres://…") }
        guard let user = components.user, !user.isEmpty else { throw ParseError.unsupported("the PostgreSQL URL names no user") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(mode) else { throw ParseError.unsupported("sslmode must be disable, prefer or require") }
        let schema = components.queryItems?.first { $0.name == "schema" }?.value
        if let schema, schema.isEmpty || !schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw ParseError.unsupported("a schema name is made of letters, digits and _")
        }
        let pool = components.queryItems?.first { $0.name == "pool" }?.value ?? "16"
        guard let poolSize = Int(pool), (1...1_000).contains(poolSize) else { throw ParseError.unsupported("pool must be a number from 1 to 1000") }
        return .postgres(
            PostgresAddress(
                host: components.host ?? "localhost",
                port: components.port ?? 5432,
                username: user.removingPercentEncoding ?? user,
                password: components.password.map { $0.removingPercentEncoding ?? $0 },
                database: database.isEmpty ? user : database,
                tlsMode: mode,
                schema: schema,
                poolSize: poolSize
            ))
    }

    public var engine: DatabaseEngine {
        if case .postgres = self { return .postgres }
        return .sqlite
    }
}
