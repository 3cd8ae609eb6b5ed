import Foundation

/// A Slack-compatible incoming webhook: whoever holds its secret URL posts into its channel,
/// under the webhook's name (or the `username` they send). An admin creates and revokes it;
/// the secret is shown once and only its digest is kept.
public struct Webhook: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var channelID: Int64
    public var name: String
    public var createdBy: Int64?
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: Int64, channelID: Int64, name: String, createdBy: Int64?, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.channelID = channelID
        self.name = name
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}
