import Foundation
import MusubiCore

/// A channel as the API shows it; the seat and unread counts only in the caller's own list.
struct ChannelDTO: Encodable {
    struct SeatDTO: Encodable {
        var starred: Bool
        var muted: Bool
        var notify: NotifyLevel
        var lastReadId: Int64
    }
    struct UnreadDTO: Encodable {
        var messages: Int
        var mentions: Int
    }

    var id: Int64
    var kind: ChannelKind
    var purpose: ChannelPurpose
    var name: String
    /// The name, or for a direct conversation the other people's names.
    var title: String
    var topic: String
    var description: String
    var fieldId: Int64?
    var groupId: Int64?
    var retentionDays: Int?
    var createdAt: Date
    var lastMessageAt: Date?
    var memberCount: Int?
    var seat: SeatDTO?
    var unread: UnreadDTO?

    init(_ channel: ExchangeChannel, title: String? = nil, memberCount: Int? = nil, seat: ChannelSeat? = nil, unread: UnreadCount? = nil) {
        (id, kind, purpose, name, self.title) = (channel.id, channel.kind, channel.purpose, channel.name, title ?? channel.name)
        (topic, description, fieldId, groupId) = (channel.topic, channel.description, channel.fieldID, channel.groupID)
        (retentionDays, createdAt, lastMessageAt, self.memberCount) = (channel.retentionDays, channel.createdAt, channel.lastMessageAt, memberCount)
        self.seat = seat.map { SeatDTO(starred: $0.starred, muted: $0.muted, notify: $0.notify, lastReadId: $0.lastReadID) }
        self.unread = unread.map { UnreadDTO(messages: $0.messages, mentions: $0.mentions) }
    }

    init(_ entry: Exchange.ChannelEntry) {
        self.init(entry.channel, title: entry.title, seat: entry.seat, unread: entry.unread)
    }
}

/// A file sent with a message; `url` fetches it with the same token.
struct MessageFileDTO: Encodable {
    var id: Int64
    var filename: String
    var kind: String
    var size: Int
    var url: String

    init(_ file: MessageFile) {
        (id, filename, kind, size) = (file.id, file.filename, file.file.kind.rawValue, file.file.size)
        url = Paths.apiMessageFile.href(file.id)
    }
}

/// A message: its stored text (`body`, with mentions as `<@id>` and `<!channel>`), the
/// same text as the page shows it (`html`, escaped), and who wrote it.
struct MessageDTO: Encodable {
    struct AuthorDTO: Encodable {
        var id: Int64?
        var name: String
        var icon: String
        /// Posted by a webhook or imported from an app, not by a member.
        var app: Bool
    }
    struct ReactionDTO: Encodable {
        var emoji: String
        var count: Int
        var memberIds: [Int64]
    }

    var id: Int64
    var channelId: Int64
    var threadRootId: Int64?
    var alsoInChannel: Bool
    var inTimeline: Bool
    var author: AuthorDTO
    var body: String
    var html: String
    var createdAt: Date
    var editedAt: Date?
    var deletedAt: Date?
    var replyCount: Int
    var lastReplyAt: Date?
    /// Absent where they were not read (search results and mentions).
    var reactions: [ReactionDTO]?
    var files: [MessageFileDTO]?

    init(_ message: Message, names: [Int64: String], channelNames: [Int64: String] = [:], reactions: [Reaction]?, files: [MessageFile]?) {
        (id, channelId, threadRootId, alsoInChannel, inTimeline) = (
            message.id, message.channelID, message.threadRootID, message.alsoInChannel, message.inTimeline
        )
        author = AuthorDTO(
            id: message.authorID, name: message.authorID.flatMap { names[$0] } ?? message.authorName, icon: message.authorIcon, app: message.isByApp
        )
        body = message.body
        html = message.isDeleted ? "" : MessageMarkup(names: names, channelNames: channelNames).html(message.body)
        (createdAt, editedAt, deletedAt) = (message.createdAt, message.editedAt, message.deletedAt)
        (replyCount, lastReplyAt) = (message.replyCount, message.lastReplyAt)
        self.reactions = reactions.map { $0.map { ReactionDTO(emoji: $0.emoji, count: $0.memberIDs.count, memberIds: $0.memberIDs) } }
        self.files = files.map { $0.map(MessageFileDTO.init) }
    }

    init(_ message: Message, details: Exchange.MessageDetails) {
        self.init(
            message, names: details.names, channelNames: details.channelNames,
            reactions: details.reactions[message.id] ?? [], files: details.files[message.id] ?? [])
    }
}

/// A page of a channel's timeline, oldest first.
struct TimelineDTO: Encodable {
    var channel: ChannelDTO
    var items: [MessageDTO]
    /// Pass as `before` for the page of older messages; absent at the beginning.
    var olderThan: Int64?
    var firstUnreadId: Int64?
    /// The newest event when the page was read: ask `/api/v1/events` or `/live` after it.
    var eventCursor: Int64

    init(_ view: Exchange.ChannelView) {
        channel = ChannelDTO(view.channel, title: view.title, memberCount: view.memberCount, seat: view.seat)
        items = view.messages.map { MessageDTO($0, details: view.details) }
        (olderThan, firstUnreadId, eventCursor) = (view.olderThan, view.firstUnreadID, view.eventCursor)
    }
}

struct ThreadDTO: Encodable {
    var channel: ChannelDTO
    var root: MessageDTO
    var replies: [MessageDTO]
    var eventCursor: Int64

    init(_ view: Exchange.ThreadView) {
        channel = ChannelDTO(view.channel, title: view.title)
        root = MessageDTO(view.root, details: view.details)
        replies = view.replies.map { MessageDTO($0, details: view.details) }
        eventCursor = view.eventCursor
    }
}

/// Text cut into pieces, the pieces that matched the query marked.
struct HighlightDTO: Encodable {
    var text: String
    var match: Bool
}

struct SearchResultsDTO: Encodable {
    struct HitDTO: Encodable {
        struct FileHitDTO: Encodable {
            var file: MessageFileDTO
            var highlight: [HighlightDTO]
        }
        struct WhereDTO: Encodable {
            var id: Int64
            var kind: ChannelKind
            var title: String
        }
        var message: MessageDTO
        var channel: WhereDTO
        var highlight: [HighlightDTO]
        var files: [FileHitDTO]
    }

    var items: [HitDTO]
    /// Matches the caller may see, counted up to a limit (`totalIsCapped`).
    var total: Int
    var totalIsCapped: Bool
    var page: Int
    var pageSize: Int
    var pageCount: Int
    var order: String
    /// Names after `in:` and `from:` that matched nothing the caller may see.
    var unknownChannels: [String]
    var unknownPeople: [String]

    init(_ results: Exchange.SearchResults) {
        let highlight = { (segments: [SearchMatches.Segment]) in segments.map { HighlightDTO(text: $0.text, match: $0.isMatch) } }
        items = results.hits.map { hit in
            HitDTO(
                message: MessageDTO(hit.message, names: results.names, reactions: nil, files: hit.files.map(\.file)),
                channel: .init(id: hit.channel.id, kind: hit.channel.kind, title: hit.channelTitle),
                highlight: highlight(hit.segments),
                files: hit.files.map { .init(file: MessageFileDTO($0.file), highlight: highlight($0.segments)) }
            )
        }
        (total, totalIsCapped, page, pageSize) = (results.total, results.totalIsCapped, results.page.number, results.page.size)
        (pageCount, order, unknownChannels, unknownPeople) = (
            results.pageCount, results.order.rawValue, results.unknownChannels, results.unknownPeople
        )
    }
}

struct MentionDTO: Encodable {
    var message: MessageDTO
    var channelTitle: String

    init(_ mention: Exchange.Mention) {
        message = MessageDTO(mention.message, names: mention.names, reactions: nil, files: nil)
        channelTitle = mention.channelTitle
    }
}

/// A stored event with the message as it stands now, as `/live` sends it.
struct EventDTO: Encodable {
    var id: Int64
    var kind: ChannelEvent.Kind
    var channelId: Int64
    var at: Date
    var message: MessageDTO

    init(_ delivery: Exchange.Delivery) {
        (id, kind, channelId, at) = (delivery.event.id, delivery.event.kind, delivery.event.channelID, delivery.event.at)
        message = MessageDTO(delivery.message, names: delivery.names, reactions: delivery.reactions, files: delivery.files)
    }
}

struct EventListDTO: Encodable {
    var items: [EventDTO]
    /// Where to ask from next time: past the last event read (delivered, or skipped because
    /// its message was removed), or the cursor asked with.
    var cursor: Int64
    /// False when more events wait after `cursor`.
    var complete: Bool
}

struct WebhookDTO: Encodable {
    var id: Int64
    var channelId: Int64
    var name: String
    var createdBy: Int64?
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?
    /// The secret URL to post to: only in the answer that creates the webhook.
    var url: String?

    init(_ webhook: Webhook, url: String? = nil) {
        (id, channelId, name, createdBy, createdAt) = (webhook.id, webhook.channelID, webhook.name, webhook.createdBy, webhook.createdAt)
        (lastUsedAt, revokedAt, self.url) = (webhook.lastUsedAt, webhook.revokedAt, url)
    }
}

struct ChannelInput: Decodable {
    var kind: ChannelKind
    var purpose: ChannelPurpose?
    var name: String
    var topic: String?
    var description: String?
    var fieldId: Int64?

    var draft: ChannelDraft {
        ChannelDraft(kind: kind, purpose: purpose ?? .general, name: name, topic: topic ?? "", description: description ?? "", fieldID: fieldId)
    }
}

struct PeopleInput: Decodable { var memberIds: [Int64] }
struct ChannelAboutInput: Decodable {
    var topic: String
    var description: String
}
/// `days` must be there: null keeps messages for ever, so a misspelt key must not mean that.
struct RetentionInput: Decodable {
    var days: Int?

    enum CodingKeys: String, CodingKey { case days }

    init(from decoder: any Decoder) throws {
        days = try decoder.container(keyedBy: CodingKeys.self).decode(Int?.self, forKey: .days)
    }
}
struct SeatInput: Decodable {
    var starred: Bool?
    var muted: Bool?
    var notify: NotifyLevel?
}
struct PostInput: Decodable {
    var body: String?
    var threadRootId: Int64?
    var alsoToChannel: Bool?
}
struct ReactionInput: Decodable { var emoji: String }
struct WebhookInput: Decodable { var name: String }
