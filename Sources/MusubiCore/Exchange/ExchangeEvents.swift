/// Where the exchange announces what just happened, once it is stored: the realtime hub
/// fans it out to the connections allowed to see it.
public protocol ExchangeEventPublisher: Sendable {
    func publish(_ events: [ChannelEvent]) async
    /// A person's sign-in ended or changed (a session signed out, a token revoked, a new
    /// password, their account deactivated or given another role): their live connections
    /// are checked again.
    func signInChanged(memberID: Int64) async
    /// These people's notifications changed (a new one, or some read): their bells are
    /// brought up to date.
    func notificationsChanged(memberIDs: Set<Int64>) async
}

/// For tools and tests that need no live delivery.
public struct SilentExchangeEvents: ExchangeEventPublisher {
    public init() {}
    public func publish(_ events: [ChannelEvent]) async {}
    public func signInChanged(memberID: Int64) async {}
    public func notificationsChanged(memberIDs: Set<Int64>) async {}
}
