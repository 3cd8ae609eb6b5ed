import MusubiCore

/// The exchange's publisher: a stored event only wakes the hub, which then reads the event
/// log in order. Waking is coalesced (a burst of posts is one wake-up), and the log, not the
/// order of wake-ups, decides the order of delivery. A person whose sign-in changed is
/// passed on for the hub to check their connections again.
public final class LiveSignal: ExchangeEventPublisher {
    let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    let signInChanges: AsyncStream<Int64>
    private let signInContinuation: AsyncStream<Int64>.Continuation

    public init() {
        (wakeups, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        // Without a running hub (a command-line tool) nobody reads them: kept to a bound. A
        // person dropped past it is still checked within the minute.
        (signInChanges, signInContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    public func publish(_ events: [ChannelEvent]) async {
        continuation.yield(())
    }

    public func signInChanged(memberID: Int64) async {
        signInContinuation.yield(memberID)
    }
}
