import Logging
import MusubiStore
import ServiceLifecycle

/// The database as the first service of the group: it runs the connections, brings the
/// schema up to date, lets the installation prepare itself (the demo, the matching index),
/// and then opens `readiness`. Shut down last, after the server has finished its requests and
/// the jobs theirs, it closes the connections.
struct DatabaseService: Service {
    let installation: Installation
    let prepare: @Sendable (Installation) async throws -> Void
    let readiness: Readiness

    func run() async throws {
        let persistence = installation.persistence
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await persistence.run() }
            do {
                try await persistence.migrate()
                try await prepare(installation)
            } catch {
                readiness.fail(error)
                group.cancelAll()
                try? await persistence.close()
                throw error
            }
            readiness.open()
            // Waits for this service's turn to shut down (or for the group to be cancelled).
            try? await gracefulShutdown()
            group.cancelAll()
            try await persistence.close()
            installation.logger.debug("database closed")
        }
    }
}
