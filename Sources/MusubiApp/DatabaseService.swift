import Logging
import MusubiCore
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
            group.addTask {
                try await persistence.run()
                // Ended while nobody asked it to: every request would now fail, so the service
                // fails, and with it the process, for its supervisor to start again.
                if !Task.isCancelled && !Task.isShuttingDownGracefully { throw DatabaseServiceError.connectionsEnded }
            }
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
            // Waits for this service's turn to shut down (or for the group to be cancelled), or
            // for the connections to end before then.
            group.addTask { try? await gracefulShutdown() }
            do {
                try await group.next()
            } catch {
                installation.logger.critical("the database connections ended", metadata: ["error": "\(error)"])
                try? await persistence.close()
                throw error
            }
            group.cancelAll()
            try await persistence.close()
            installation.logger.debug("database closed")
        }
    }
}

enum DatabaseServiceError: Error, CustomStringConvertible {
    case connectionsEnded

    var description: String { "the database connections ended while the application was running" }
}
