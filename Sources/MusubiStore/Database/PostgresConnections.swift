import Logging
import NIOSSL
import PostgresKit
import SQLKit

/// PostgreSQL through PostgresNIO's client pool. Transactions take one connection for their
/// whole length; reads take any.
final class PostgresConnections: DatabaseConnections {
    let engine = DatabaseEngine.postgres
    private let client: PostgresClient
    private let schema: String?

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
        try await client.withConnection { connection in
            try await work(connection.sql())
        }
    }

    func withWriter<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.sql().inTransaction(begin: "BEGIN", work)
        }
    }

    func run() async throws {
        await client.run()
    }

    func prepare() async throws {
        guard let schema else { return }
        try await withWriter { db in try await db.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run() }
    }

    func close() async throws {}
}
