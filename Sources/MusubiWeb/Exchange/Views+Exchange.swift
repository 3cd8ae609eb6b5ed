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
    /// The emoji offered at one click; any other through the picker.
    var quickEmoji = ["👍", "🙏", "🎉", "👀", "😊"]

    struct ReactionRow {
        /// As shown: an imported `:shortcode:` as its emoji when it is a known one.
        var emoji: String
        /// As stored, to take it back with.
        var value: String
        var count: Int
        var mine: Bool
        var who: String
    }

    /// The controls a message arriving live gets (`live.js` puts its id in for `{id}`): one
    /// for the reader's own messages, one for others'.
    static func liveControls(_ live: LiveFeed, own: Bool) -> MessageRow {
        MessageRow(
            id: 0, anchor: "", author: "", byApp: false, at: "", html: "", edited: false, deleted: false, isReply: false, replyCount: 0,
            threadHref: live.threadPath, reactions: [], files: [], editHref: own ? live.editPath : nil,
            deleteAction: own || live.mayDeleteOthers ? live.deletePath : nil, reactAction: live.mayPost ? live.reactPath : nil,
            firstUnread: false)
    }
}

/// A file a message carries, as a link to download it.
struct FileRow: Encodable {
    var name: String
    var href: String
    var size: String
    /// A small picture of an image, made on the server.
    var thumbnailHref: String?

    /// `previews`: the kinds of file this installation shows previews of.
    init(_ file: MessageFile, previews: Set<FileKind>) {
        name = file.filename
        href = Paths.messageFile.href(file.id)
        size = Self.size(file.file.size)
        thumbnailHref = previews.contains(file.file.kind) ? Paths.messageFilePreview.href(file.id) : nil
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
    var id: Int64
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
    /// The channel being read, in the sidebar.
    var current = false
}

/// The reader's channels beside every exchange page, with their unread and mention counts
/// (kept up to date by `sidebar.js`).
struct ExchangeSidebar {
    var me: Int64
    var starred: [ChannelRow]
    var channels: [ChannelRow]
    var direct: [ChannelRow]
    var exchangeHref = Paths.exchange.href()
    var mentionsHref = Paths.mentions.href()
    /// Where `sidebar.js` fetches it again.
    var sourceHref = Paths.exchangeSidebar.href()
    /// Nil for a reader who may not browse channels (a guest).
    var browseHref: String?
    var newDirectHref: String?
}

/// What the author of a message just posted should hear: people named who are not in the
/// channel (with a button to seat them, when the author may), and names several people here
/// share.
struct MentionCheckBox {
    var outsiders: String
    var invite: Invite?
    var ambiguous: [Ambiguous]

    struct Invite {
        var action: String
        var memberIDs: [String]
    }
    struct Ambiguous {
        var typed: String
        var people: String
    }
}

/// What the page's scripts need: the channel, where to resume, where threads live, and for
/// messages arriving live the controls their reader gets (as the policy gives them). A
/// channel's page and a thread's both carry one.
struct LiveFeed {
    var channelID: Int64
    var after: Int64
    var rootID: Int64?
    var me: Int64
    /// May react and reply (sits in the channel, or may post in it).
    var mayPost: Bool
    /// May delete others' messages (a moderator's right).
    var mayDeleteOthers: Bool
    var threadPath = Paths.message.template
    var reactPath = Paths.messageReactions.template
    var editPath = Paths.editMessage.template
    var deletePath = Paths.messageRemoval.template
    /// The autocomplete's sources for `@` and `#`.
    var peopleHref: String
    var channelNamesHref = Paths.channelNames.href()
    var emojiHref = Paths.emojiCatalog.href()
    var ownControls: MessageRow?
    var othersControls: MessageRow?

    init(channelID: Int64, after: Int64, rootID: Int64? = nil, actor: Requester, access: ChannelAccess) {
        (self.channelID, self.after, self.rootID) = (channelID, after, rootID)
        me = actor.memberID ?? 0
        mayPost = Policy.can(actor, .post, .channel(access))
        mayDeleteOthers = Policy.can(actor, .delete, .message(authorID: nil, in: access))
        peopleHref = Paths.channelPeople.href(channelID)
        ownControls = MessageRow.liveControls(self, own: true)
        othersControls = MessageRow.liveControls(self, own: false)
    }
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
                        emoji: Self.shown(reaction.emoji), value: reaction.emoji, count: reaction.memberIDs.count,
                        mine: me.map(reaction.memberIDs.contains) ?? false,
                        who: reaction.memberIDs.compactMap { names[$0] }.joined(separator: "、"))
                },
                files: live ? (details.files[message.id] ?? []).map { FileRow($0, previews: site.exchange.previewKinds) } : [],
                editHref: live && Policy.can(context.actor, .edit, resource) ? Paths.editMessage.href(message.id) : nil,
                deleteAction: live && Policy.can(context.actor, .delete, resource) ? Paths.messageRemoval.href(message.id) : nil,
                reactAction: live && Policy.can(context.actor, .post, resource) ? Paths.messageReactions.href(message.id) : nil,
                firstUnread: message.id == firstUnreadID
            )
        }
    }

    /// A reaction as shown: Slack's `:shortcode:` (imported) as its emoji, when known.
    static func shown(_ reaction: String) -> String {
        guard reaction.hasPrefix(":"), reaction.hasSuffix(":"), reaction.count > 2 else { return reaction }
        return EmojiCatalog.shipped.emoji(shortcode: String(reaction.dropFirst().dropLast())) ?? reaction
    }

    /// The sidebar of the reader's channels, the one being read marked.
    func sidebar(_ entries: [Exchange.ChannelEntry], current: Int64?) -> ExchangeSidebar {
        let row = { (entry: Exchange.ChannelEntry) -> ChannelRow in
            var row = channelRow(entry)
            row.current = entry.channel.id == current
            row.testID = "sidebar-channel-\(entry.channel.id)"
            return row
        }
        return ExchangeSidebar(
            me: context.actor.memberID ?? 0, starred: entries.filter { $0.seat.starred && $0.channel.kind != .direct }.map(row),
            channels: entries.filter { !$0.seat.starred && $0.channel.kind != .direct }.map(row),
            direct: entries.filter { $0.channel.kind == .direct }.map(row),
            browseHref: Policy.can(context.actor, .list, .channels) ? Paths.channelBrowser.href() : nil,
            newDirectHref: Policy.can(context.actor, .create, .channels) ? Paths.directConversation.href() : nil
        )
    }

    func channelRow(_ entry: Exchange.ChannelEntry) -> ChannelRow {
        let channel = entry.channel
        return ChannelRow(
            id: channel.id, title: entry.title, href: Paths.channel.href(channel.id), kind: site.t("channel_kind." + channel.kind.rawValue, context),
            isPrivate: channel.kind == .private, isDirect: channel.kind == .direct, starred: entry.seat.starred, muted: entry.seat.muted,
            unread: entry.unread.messages > 0 ? entry.unread.messages : nil, mentions: entry.unread.mentions > 0 ? entry.unread.mentions : nil,
            topic: channel.topic.isEmpty ? nil : channel.topic, testID: "channel-\(channel.id)"
        )
    }
}
