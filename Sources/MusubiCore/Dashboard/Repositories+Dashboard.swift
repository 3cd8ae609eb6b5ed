import Foundation

/// A message as the dashboard counts it: when, by whom, in what kind of channel, and whether
/// it began a thread that has replies.
public struct MessageActivity: Sendable, Equatable {
    public var at: Date
    public var authorID: Int64?
    public var channelKind: ChannelKind
    public var repliedTo: Bool

    public init(at: Date, authorID: Int64?, channelKind: ChannelKind, repliedTo: Bool) {
        self.at = at
        self.authorID = authorID
        self.channelKind = channelKind
        self.repliedTo = repliedTo
    }
}

public protocol DashboardRepository: Sendable {
    /// Messages written in the span (not deleted ones, nor apps').
    func messages(in span: DateInterval) async throws -> [MessageActivity]
    func reactions(in span: DateInterval) async throws -> [(at: Date, memberID: Int64)]
    /// Every time someone began a session in the span.
    func signIns(in span: DateInterval) async throws -> [(at: Date, memberID: Int64)]
    func target(_ fiscalYear: Int) async throws -> Int?
    func setTarget(_ fiscalYear: Int, participants: Int?) async throws
    func isPublic() async throws -> Bool
    func setPublic(_ isPublic: Bool) async throws
}
