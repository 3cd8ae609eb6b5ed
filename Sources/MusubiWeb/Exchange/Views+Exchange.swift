import Foundation
import MusubiCore

/// One message as a channel or a thread shows it.
struct MessageRow {
    var id: Int64
    var anchor: String
    var author: String
    var authorHref: String?
    /// The emoji a webhook gave its name.
    var authorIcon: String?
    /// Posted by a webhook (no person), marked so that nobody passes for a member.
    var byApp: Bool
    var at: String
    var html: String
    var edited: Bool
    var deleted: Bool
    var isReply: Bool
    var replies: String?
    var replyCount: Int
    var threadHref: String
    var reactions: [ReactionRow]
    var files: [FileRow]
    var editHref: String?
    var deleteAction: String?
    var reactAction: String?
    var firstUnread: Bool

    struct ReactionRow {
        var emoji: String
        var count: Int
        var mine: Bool
        var who: String
    }
}

/// A file a message carries, as a link to download it.
struct FileRow: Encodable {
    var name: String
    var href: String
    var size: String

    init(_ file: MessageFile) {
        name = file.filename
        href = Paths.messageFile.href(file.id)
        size = Self.size(file.file.size)
    }

    /// A file's size as people read it in either language: 512 B, 12.5 KB, 3.2 MB.
    static func size(_ bytes: Int) -> String {
        switch bytes {
        case ..<1024: "\(bytes) B"
        case ..<(1024 * 1024): String(format: "%.1f KB", Double(bytes) / 1024)
        default: String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
        }
    }
}

/// A channel in a list, with what the viewer has not read.
struct ChannelRow {
    var title: String
    var href: String
    var kind: String
    var isPrivate: Bool
    var isDirect: Bool
    var starred: Bool
    var muted: Bool
    var unread: Int?
    var mentions: Int?
    var topic: String?
    var testID: String
}

/// What `live.js` needs: the channel, where to resume, and where threads live. A channel's
/// page and a thread's both carry one.
struct LiveFeed {
    var channelID: Int64
    var after: Int64
    var threadPath = Paths.message.template
}

extension Views {
    func messageRows(_ messages: [Message], details: Exchange.MessageDetails, access: ChannelAccess, firstUnreadID: Int64? = nil) -> [MessageRow] {
        let names = details.names
        // A guest may not open people's pages: names without links.
        let seesPeople = Policy.can(context.actor, .list, .members)
        let markup = MessageMarkup(names: names, channelNames: details.channelNames, linksPeople: seesPeople)
        let me = context.actor.memberID
        return messages.map { message in
            let resource = Resource.message(authorID: message.authorID, in: access)
            let live = !message.isDeleted
            return MessageRow(
                id: message.id, anchor: "m\(message.id)",
                author: message.authorID.flatMap { names[$0] }
                    ?? (message.authorName.isEmpty ? site.t("exchange.unknown_author", context) : message.authorName),
                authorHref: seesPeople ? message.authorID.map { Paths.member.href($0) } : nil,
                authorIcon: message.authorIcon.isEmpty ? nil : message.authorIcon, byApp: message.isByApp,
                at: site.formatDate(message.createdAt, context, withTime: true),
                html: live ? markup.html(message.body) : "",
                edited: live && message.editedAt != nil, deleted: !live, isReply: message.threadRootID != nil,
                replies: message.replyCount > 0 ? String(format: site.t("exchange.replies", context), message.replyCount) : nil,
                replyCount: message.replyCount,
                threadHref: Paths.message.href(message.threadRootID ?? message.id),
                reactions: (details.reactions[message.id] ?? []).map { reaction in
                    .init(
                        emoji: reaction.emoji, count: reaction.memberIDs.count, mine: me.map(reaction.memberIDs.contains) ?? false,
                        who: reaction.memberIDs.compactMap { names[$0] }.joined(separator: "、"))
                },
                files: live ? (details.files[message.id] ?? []).map(FileRow.init) : [],
                editHref: live && Policy.can(context.actor, .edit, resource) ? Paths.editMessage.href(message.id) : nil,
                deleteAction: live && Policy.can(context.actor, .delete, resource) ? Paths.messageRemoval.href(message.id) : nil,
                reactAction: live && Policy.can(context.actor, .post, resource) ? Paths.messageReactions.href(message.id) : nil,
                firstUnread: message.id == firstUnreadID
            )
        }
    }

    func channelRow(_ entry: Exchange.ChannelEntry) -> ChannelRow {
        let channel = entry.channel
        return ChannelRow(
            title: entry.title, href: Paths.channel.href(channel.id), kind: site.t("channel_kind." + channel.kind.rawValue, context),
            isPrivate: channel.kind == .private, isDirect: channel.kind == .direct, starred: entry.seat.starred, muted: entry.seat.muted,
            unread: entry.unread.messages > 0 ? entry.unread.messages : nil, mentions: entry.unread.mentions > 0 ? entry.unread.mentions : nil,
            topic: channel.topic.isEmpty ? nil : channel.topic, testID: "channel-\(channel.id)"
        )
    }
}
