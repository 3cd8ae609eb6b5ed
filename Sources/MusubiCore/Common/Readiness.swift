import Synchronization

/// A gate that opens once, or fails once, for every task waiting at it: the database is
/// migrated and prepared (the services that read it at start wait for that, so that they all
/// can start as services of one group and the database still comes first); a connection pool
/// runs (sessions wait for that rather than ask a pool that cannot answer yet).
public final class Readiness: Sendable {
    private enum State {
        case waiting([UInt64: CheckedContinuation<Void, any Error>])
        case open
        case failed(any Error)
    }

    private let state = Mutex<State>(.waiting([:]))
    private let nextWaiter = Atomic<UInt64>(0)

    public init() {}

    /// Returns once the gate is open; throws if it failed or the waiting task is cancelled.
    public func wait() async throws {
        let settled: Result<Void, any Error>? = state.withLock { state in
            switch state {
            case .open: .success(())
            case .failed(let error): .failure(error)
            case .waiting: nil
            }
        }
        if let settled { return try settled.get() }
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

    public func open() { settle(.open) }

    public func fail(_ error: any Error) { settle(.failed(error)) }

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
