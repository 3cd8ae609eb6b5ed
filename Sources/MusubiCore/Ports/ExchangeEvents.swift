/// Where the exchange announces what just happened, once it is stored: the realtime hub
/// fans it out to the connections allowed to see it.
public protocol ExchangeEventPublisher: Sendable {
    func publish(_ events: [ChannelEvent]) async
}

/// For tools and tests that need no live delivery.
public struct SilentExchangeEvents: ExchangeEventPublisher {
    public init() {}
    public func publish(_ events: [ChannelEvent]) async {}
}
