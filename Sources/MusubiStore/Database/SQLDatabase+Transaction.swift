import SQLKit

extension SQLDatabase {
    /// Runs `work` in a transaction opened with `begin` (SQLite's `BEGIN IMMEDIATE`, takes the
    /// write lock at once; PostgreSQL's `BEGIN`): committed when it returns, rolled back when
    /// it throws.
    func inTransaction<T: Sendable>(begin: String, _ work: (any SQLDatabase) async throws -> T) async throws -> T {
        try await raw("\(unsafeRaw: begin)").run()
        do {
            let result = try await work(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            try? await raw("ROLLBACK").run()
            throw error
        }
    }
}
