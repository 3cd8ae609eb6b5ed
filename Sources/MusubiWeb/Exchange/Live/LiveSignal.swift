import MusubiCore

/// The exchange's publisher: a stored event only wakes the hub, which then reads the event
/// log in order. Waking is coalesced (a burst of posts is one wake-up), and the log, not the
/// order of wake-ups, decides the order of delivery. A person whose sign-in changed is
/// passed on for the hub to check their connections again, and people whose notifications
/// changed for the hub to update their bells.
public final class LiveSignal: ExchangeEventPublisher {
    let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    let signInChanges: AsyncStream<Int64>
    private let signInContinuation: AsyncStream<Int64>.Continuation
    let notificationChanges: AsyncStream<Set<Int64>>
    private let notificationContinuation: AsyncStream<Set<Int64>>.Continuation

    public init() {
        (wakeups, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        // Without a running hub (a command-line tool) nobody reads them: kept to a bound. A
        // person dropped past it is still checked within the minute.
        (signInChanges, signInContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        // A bell left behind past the bound is brought up to date with the next change or page.
        (notificationChanges, notificationContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    public func publish(_ events: [ChannelEvent]) async {
        continuation.yield(())
    }

    public func signInChanged(memberID: Int64) async {
        signInContinuation.yield(memberID)
    }

    public func notificationsChanged(memberIDs: Set<Int64>) async {
        guard !memberIDs.isEmpty else { return }
        notificationContinuation.yield(memberIDs)
    }
}
