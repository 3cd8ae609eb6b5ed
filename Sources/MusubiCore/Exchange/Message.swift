import Foundation

/// A message in a channel, or a reply in a message's thread. Deleting leaves a tombstone:
/// the row stays (so threads and links hold) but its text is gone.
public struct Message: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var channelID: Int64
    /// Nil for a message posted by a webhook or imported from someone unknown.
    public var authorID: Int64?
    /// The name shown when there is no author (a webhook's `username`).
    public var authorName: String
    /// An emoji shown beside that name (a webhook's `icon_emoji`).
    public var authorIcon: String
    /// The stored text: Musubi's markup, mentions as `<@id>` and `<!channel>`.
    public var body: String
    /// The message whose thread this reply is in.
    public var threadRootID: Int64?
    /// A reply that was also sent to the channel's timeline.
    public var alsoInChannel: Bool
    public var replyCount: Int
    public var lastReplyAt: Date?
    public var createdAt: Date
    public var editedAt: Date?
    public var deletedAt: Date?

    public init(
        id: Int64, channelID: Int64, authorID: Int64?, authorName: String = "", authorIcon: String = "", body: String, threadRootID: Int64? = nil,
        alsoInChannel: Bool = false, replyCount: Int = 0, lastReplyAt: Date? = nil, createdAt: Date, editedAt: Date? = nil, deletedAt: Date? = nil
    ) {
        self.id = id
        self.channelID = channelID
        self.authorID = authorID
        self.authorName = authorName
        self.authorIcon = authorIcon
        self.body = body
        self.threadRootID = threadRootID
        self.alsoInChannel = alsoInChannel
        self.replyCount = replyCount
        self.lastReplyAt = lastReplyAt
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.deletedAt = deletedAt
    }

    public var isDeleted: Bool { deletedAt != nil }
    /// Posted by a webhook (or another program) rather than a person: shown marked, so that
    /// it never passes for a member.
    public var isByApp: Bool { authorID == nil && !authorName.isEmpty }
    /// Whether it shows in the channel's timeline (a root, or a reply also sent there).
    public var inTimeline: Bool { threadRootID == nil || alsoInChannel }
}

/// Who reacted to a message with what.
public struct Reaction: Codable, Sendable, Equatable {
    public var messageID: Int64
    public var emoji: String
    public var memberIDs: [Int64]

    public init(messageID: Int64, emoji: String, memberIDs: [Int64]) {
        self.messageID = messageID
        self.emoji = emoji
        self.memberIDs = memberIDs
    }
}

/// Something that happened in a channel, in the order it happened; clients resume from the
/// id of the last one they saw.
public struct ChannelEvent: Codable, Sendable, Equatable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case posted, edited, deleted, reacted
    }

    public var id: Int64
    public var channelID: Int64
    public var kind: Kind
    public var messageID: Int64
    public var at: Date

    public init(id: Int64, channelID: Int64, kind: Kind, messageID: Int64, at: Date) {
        self.id = id
        self.channelID = channelID
        self.kind = kind
        self.messageID = messageID
        self.at = at
    }
}
