import Foundation

/// Who may find a channel: every member (public), only those in it (private), or the
/// two to eight people of a direct conversation.
public enum ChannelKind: String, Codable, Sendable, CaseIterable {
    case `public`, `private`, direct
}

/// What a channel is about, for browsing. A group's channel follows the group's membership.
public enum ChannelPurpose: String, Codable, Sendable, CaseIterable {
    case general, field, group, project, event
}

/// How much a person wants to hear from a channel. (Not `none`: `Optional.none` would
/// shadow it wherever a level is optional.)
public enum NotifyLevel: String, Codable, Sendable, CaseIterable {
    case everything = "all"
    case mentions
    case nothing = "none"
}

/// A place for cross-field conversation, with its full history.
public struct ExchangeChannel: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var kind: ChannelKind
    public var purpose: ChannelPurpose
    /// Empty for direct conversations, which are named after their people.
    public var name: String
    public var topic: String
    public var description: String
    public var fieldID: Int64?
    public var groupID: Int64?
    /// Days after which messages are removed; nil keeps them for ever (the default).
    public var retentionDays: Int?
    /// One of the network's announcement channels: everyone who joins is seated in it.
    public var isAnnouncement: Bool
    public var createdBy: Int64?
    public var createdAt: Date
    public var lastMessageAt: Date?

    public init(
        id: Int64, kind: ChannelKind, purpose: ChannelPurpose, name: String, topic: String = "", description: String = "",
        fieldID: Int64? = nil, groupID: Int64? = nil, retentionDays: Int? = nil, isAnnouncement: Bool = false, createdBy: Int64?, createdAt: Date,
        lastMessageAt: Date? = nil
    ) {
        self.isAnnouncement = isAnnouncement
        self.id = id
        self.kind = kind
        self.purpose = purpose
        self.name = name
        self.topic = topic
        self.description = description
        self.fieldID = fieldID
        self.groupID = groupID
        self.retentionDays = retentionDays
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lastMessageAt = lastMessageAt
    }

    /// Whether people join and leave it themselves; a group's channel follows the group.
    public var followsGroup: Bool { groupID != nil }
}

/// What is asked to open a channel.
public struct ChannelDraft: Codable, Sendable, Equatable {
    public var kind: ChannelKind
    public var purpose: ChannelPurpose
    public var name: String
    public var topic: String
    public var description: String
    public var fieldID: Int64?

    public init(
        kind: ChannelKind, purpose: ChannelPurpose = .general, name: String, topic: String = "", description: String = "", fieldID: Int64? = nil
    ) {
        self.kind = kind
        self.purpose = purpose
        self.name = name
        self.topic = topic
        self.description = description
        self.fieldID = fieldID
    }
}

/// One person's place in a channel: what they last read and how they want to hear from it.
public struct ChannelSeat: Codable, Sendable, Equatable {
    public var channelID: Int64
    public var memberID: Int64
    public var joinedAt: Date
    /// The newest message id they have seen in the channel's timeline.
    public var lastReadID: Int64
    public var starred: Bool
    public var muted: Bool
    public var notify: NotifyLevel

    public init(
        channelID: Int64, memberID: Int64, joinedAt: Date, lastReadID: Int64 = 0, starred: Bool = false, muted: Bool = false,
        notify: NotifyLevel = .everything
    ) {
        self.channelID = channelID
        self.memberID = memberID
        self.joinedAt = joinedAt
        self.lastReadID = lastReadID
        self.starred = starred
        self.muted = muted
        self.notify = notify
    }
}

/// What the policy needs to know about a channel and the person asking.
public struct ChannelAccess: Sendable, Equatable, Hashable {
    public var kind: ChannelKind
    /// Whether the person asking has a seat in it.
    public var seated: Bool
    public var followsGroup: Bool

    public init(kind: ChannelKind, seated: Bool, followsGroup: Bool = false) {
        self.kind = kind
        self.seated = seated
        self.followsGroup = followsGroup
    }
}
