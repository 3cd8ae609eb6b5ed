import MusubiCore
import ServiceLifecycle

/// A service that starts once the database is ready; shut down before then, it never starts.
struct AfterReadiness: Service {
    let readiness: Readiness
    let service: any Service

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await readiness.wait() }
        } catch is CancellationError {
            return
        }
        try await service.run()
    }
}
