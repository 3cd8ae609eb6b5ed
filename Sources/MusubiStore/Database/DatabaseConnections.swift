import SQLKit

/// Hands out database sessions: any connection for reading, the one writer for a transaction.
/// One implementation per engine; everything above it speaks plain SQLKit.
protocol DatabaseConnections: Sendable {
    var engine: DatabaseEngine { get }
    func withReader<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func withWriter<T: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Keeps the connections alive until the task is cancelled (a service of the service group).
    func run() async throws
    func close() async throws
    /// Whatever must exist before the first migration (a PostgreSQL schema of its own).
    func prepare() async throws
}

extension DatabaseConnections {
    func prepare() async throws {}
}

public enum DatabaseEngine: String, Sendable {
    case sqlite, postgres
}
