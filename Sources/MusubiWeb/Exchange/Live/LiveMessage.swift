import Foundation
import MusubiCore

/// What a live client receives, as JSON text frames.
enum LiveFrame: Encodable {
    /// A stored event with the message as it stands now.
    case event(id: Int64, kind: ChannelEvent.Kind, channel: Int64, message: LiveMessage)
    /// Someone is writing in a channel (not stored).
    case typing(channel: Int64, name: String)
    /// The replay after a reconnect is complete; live events follow.
    case ready(after: Int64)
    /// The person's notifications changed: the bell's new count.
    case notifications(unread: Int)

    enum CodingKeys: String, CodingKey { case type, id, kind, channel, message, name, after, unread }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .event(let id, let kind, let channel, let message):
            try container.encode("event", forKey: .type)
            try container.encode(id, forKey: .id)
            try container.encode(kind, forKey: .kind)
            try container.encode(channel, forKey: .channel)
            try container.encode(message, forKey: .message)
        case .typing(let channel, let name):
            try container.encode("typing", forKey: .type)
            try container.encode(channel, forKey: .channel)
            try container.encode(name, forKey: .name)
        case .ready(let after):
            try container.encode("ready", forKey: .type)
            try container.encode(after, forKey: .after)
        case .notifications(let unread):
            try container.encode("notifications", forKey: .type)
            try container.encode(unread, forKey: .unread)
        }
    }

    var json: String {
        String(decoding: (try? LiveFrame.encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// A message for a live client: its text already rendered by `MessageMarkup` (escaped),
/// names as plain text for the client to insert as text.
struct LiveMessage: Encodable {
    var id: Int64
    var threadRoot: Int64?
    var inTimeline: Bool
    var authorID: Int64?
    var author: String
    var authorIcon: String
    var byApp: Bool
    var html: String
    var at: String
    var edited: Bool
    var deleted: Bool
    var replyCount: Int
    /// Whom it mentions, and whether it mentions the whole channel: each reader's sidebar
    /// counts its own mentions.
    var mentions: [Int64]
    var mentionsChannel: Bool
    var reactions: [LiveReaction]
    var files: [FileRow]

    struct LiveReaction: Encodable {
        /// As shown (`Views.shown`), and as stored, to take it back with.
        var emoji: String
        var value: String
        var count: Int
        var memberIDs: [Int64]
        /// Who reacted, by name.
        var who: String
    }

    init(_ delivery: Exchange.Delivery, time: (Date) -> String, previews: Set<FileKind>, linksPeople: Bool) {
        let message = delivery.message
        let markup = MessageMarkup(names: delivery.names, linksPeople: linksPeople)
        id = message.id
        threadRoot = message.threadRootID
        inTimeline = message.inTimeline
        authorID = message.authorID
        author = message.authorID.flatMap { delivery.names[$0] } ?? message.authorName
        authorIcon = message.authorIcon
        byApp = message.isByApp
        html = message.isDeleted ? "" : markup.html(message.body)
        at = time(message.createdAt)
        edited = message.editedAt != nil && !message.isDeleted
        deleted = message.isDeleted
        replyCount = message.replyCount
        let mentioned = MessageText.mentions(in: message.body)
        (mentions, mentionsChannel) = (mentioned.people.sorted(), mentioned.channel)
        reactions = delivery.reactions.map {
            LiveReaction(
                emoji: Views.shown($0.emoji), value: $0.emoji, count: $0.memberIDs.count, memberIDs: $0.memberIDs,
                who: $0.memberIDs.compactMap { delivery.names[$0] }.joined(separator: "、"))
        }
        files = delivery.files.map { FileRow($0, previews: previews) }
    }
}
