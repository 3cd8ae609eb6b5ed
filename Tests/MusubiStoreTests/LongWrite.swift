import MusubiStore

/// Runs a write that holds the database until `release` is called.
final class LongWrite: Sendable {
    let started: AsyncStream<Void>
    private let startedContinuation: AsyncStream<Void>.Continuation
    private let released: AsyncStream<Void>
    private let releaseContinuation: AsyncStream<Void>.Continuation
    let task: Task<Void, any Error>

    init(on persistence: SQLPersistence) {
        (started, startedContinuation) = AsyncStream.makeStream()
        (released, releaseContinuation) = AsyncStream.makeStream()
        let (released, startedContinuation) = (released, startedContinuation)
        task = Task {
            try await persistence.write { _ in
                startedContinuation.yield()
                for await _ in released { break }
            }
        }
    }

    func whenStarted() async { for await _ in started { break } }
    func release() { releaseContinuation.yield() }
}
