import Logging
import MusubiCore
import NIOSSL
import PostgresKit
import SQLKit
import Synchronization

/// PostgreSQL through PostgresNIO's client pool. Transactions take one connection for their
/// whole length; reads take any. A session waits for its connection at most
/// `DatabasePatience` (the request's, or `DatabasePatience.longest`), then is refused as
/// `MusubiError.busy`: a pool that cannot connect is never waited on forever.
final class PostgresConnections: DatabaseConnections {
    let engine = DatabaseEngine.postgres
    private let client: PostgresClient
    private let schema: String?
    /// Opens when `run()` has started the pool: sessions asked for before then (migrating
    /// starts beside it) wait here rather than at a pool that is not running yet.
    private let running = Readiness()

    init(_ address: DatabaseLocation.PostgresAddress, logger: Logger) {
        let tls: PostgresClient.Configuration.TLS =
            switch address.tlsMode {
            case "disable": .disable
            case "require": .require(.makeClientConfiguration())
            default: .prefer(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.username,
            password: address.password, database: address.database, tls: tls
        )
        configuration.options.maximumConnections = address.poolSize
        if let schema = address.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        self.schema = address.schema
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    func withReader<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await work(connection.sql())
        }
    }

    func withWriter<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await connection.sql().inTransaction(begin: "BEGIN", work)
        }
    }

    /// Leases a connection for `work`, racing the lease against the patience: whichever comes
    /// first wins, so a connection that arrives after the session gave up is never used.
    private func withConnection<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let patience = DatabasePatience.limit ?? DatabasePatience.longest
        let lease = LeaseRace()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { [client, running] in
                try await running.wait()
                return try await client.withConnection { connection in
                    guard lease.claim(.leased) else { throw CancellationError() }
                    return try await work(connection)
                }
            }
            group.addTask {
                try? await Task.sleep(for: patience)
                return nil
            }
            while let outcome = try await group.next() {
                if let value = outcome {
                    group.cancelAll()
                    return value
                }
                if lease.claim(.abandoned) {
                    group.cancelAll()
                    throw MusubiError.busy(retryAfter: max(1, Int(patience.components.seconds)))
                }
            }
            preconditionFailure("the lease ended without a value, an error or giving up")
        }
    }

    func run() async throws {
        running.open()
        await client.run()
    }

    func prepare() async throws {
        guard let schema else { return }
        try await withWriter { db in try await db.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run() }
    }

    func close() async throws {}
}

/// Who settles a lease first: the pool, handing over a connection, or the patience, running out.
private final class LeaseRace: Sendable {
    enum Winner { case leased, abandoned }
    private let winner = Mutex<Winner?>(nil)

    /// True when `side` is the first to claim the lease.
    func claim(_ side: Winner) -> Bool {
        winner.withLock { winner in
            guard winner == nil else { return false }
            winner = side
            return true
        }
    }
}
