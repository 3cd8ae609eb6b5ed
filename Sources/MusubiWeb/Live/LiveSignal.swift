import MusubiCore

/// The exchange's publisher: a stored event only wakes the hub, which then reads the event
/// log in order. Waking is coalesced (a burst of posts is one wake-up), and the log, not the
/// order of wake-ups, decides the order of delivery.
public final class LiveSignal: ExchangeEventPublisher {
    let wakeups: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() {
        (wakeups, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    public func publish(_ events: [ChannelEvent]) async {
        continuation.yield(())
    }
}
