import ServiceLifecycle
import Synchronization

/// Opens once the database is migrated and prepared. The services that read the database at
/// start (the live hub, the upkeep, the server) wait for it, so that they all can start as
/// services of one group and the database still comes first.
final class Readiness: Sendable {
    private enum State {
        case waiting([UInt64: CheckedContinuation<Void, any Error>])
        case open
        case failed(any Error)
    }

    private let state = Mutex<State>(.waiting([:]))
    private let nextWaiter = Atomic<UInt64>(0)

    /// Returns once the database is ready; throws if preparing it failed or the waiting task
    /// is cancelled.
    func wait() async throws {
        let id = nextWaiter.add(1, ordering: .relaxed).newValue
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resume: Result<Void, any Error>? = state.withLock { state in
                    switch state {
                    case .open: return .success(())
                    case .failed(let error): return .failure(error)
                    case .waiting(var waiters):
                        if Task.isCancelled { return .failure(CancellationError()) }
                        waiters[id] = continuation
                        state = .waiting(waiters)
                        return nil
                    }
                }
                if let resume { continuation.resume(with: resume) }
            }
        } onCancel: {
            let cancelled: CheckedContinuation<Void, any Error>? = state.withLock { state in
                guard case .waiting(var waiters) = state, let continuation = waiters.removeValue(forKey: id) else { return nil }
                state = .waiting(waiters)
                return continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    func open() { settle(.open) }

    func fail(_ error: any Error) { settle(.failed(error)) }

    private func settle(_ outcome: State) {
        let waiters: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            guard case .waiting(let waiters) = state else { return [] }
            state = outcome
            return Array(waiters.values)
        }
        for waiter in waiters {
            if case .failed(let error) = outcome { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }
}

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
