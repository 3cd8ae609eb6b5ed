import Foundation

/// Writes a checked export, inside one transaction: people, then conversations with their
/// seats, then the messages of every conversation a day at a time and in the order they
/// were written, so that message ids follow time across channels as they do for messages
/// posted here.
struct SlackImportWriter {
    let export: SlackExport
    let archive: any ExportArchive
    let repos: any Repositories
    let now: Date
    let progress: @Sendable (SlackImport.Progress) -> Void

    private(set) var summary = SlackImport.Summary()
    /// Slack user id → member id, for people (not apps).
    private var people: [String: Int64] = [:]
    private var names: [String: String] = [:]
    private var apps: Set<String> = []
    /// Conversation (by its place in the export) → channel id; nil when skipped.
    private var channels: [Int64?] = []
    private var channelBySlackID: [String: Int64] = [:]
    private var seated: [Int64: Set<Int64>] = [:]
    /// Messages here, imported before or now.
    private var messageIDs: [ImportedMessage.Key: Int64] = [:]
    /// Imported messages not yet in the search index.
    private var unindexed: [(id: Int64, body: String)] = []

    /// Messages written per statement (fewer when a reply's thread is still unwritten).
    static let batchSize = 500
    /// Messages indexed for search per statement: the index writes out what it gathered at
    /// every statement, so fewer, larger statements make fewer, larger pieces of it.
    static let indexBatchSize = 20_000

    init(export: SlackExport, archive: any ExportArchive, repos: any Repositories, now: Date, progress: @escaping @Sendable (SlackImport.Progress) -> Void) {
        self.export = export
        self.archive = archive
        self.repos = repos
        self.now = now
        self.progress = progress
    }

    mutating func run(actorID: Int64?) async throws -> SlackImport.Summary {
        summary.ignoredFolders = export.ignoredFolders
        try await importPeople()
        try await importConversations(createdBy: actorID)
        let channelIDs = Array(Set(channels.compactMap { $0 }))
        let newestBefore = try await repos.imports.newestMessageIDs(in: channelIDs)
        messageIDs = try await repos.imports.messageIDs(in: channelIDs)
        try await importMessages()
        try await repos.imports.settle(newestBefore: newestBefore)
        return summary
    }

    // MARK: People

    private func key(_ slackID: String) -> String { "slack:\(export.team):\(slackID)" }

    private mutating func importPeople() async throws {
        for user in export.users {
            names[user.id] = user.displayName
            if user.isApp { apps.insert(user.id) }
        }
        let humans = export.users.filter { !$0.isApp }
        let known = try await repos.imports.members(importKeys: humans.map { key($0.id) })
        var byEmail = Dictionary(try await repos.members.emails().map { ($0.value.lowercased(), $0.key) }, uniquingKeysWith: { first, _ in first })
        for user in humans {
            let email = Self.email(of: user)
            if let id = known[key(user.id)] ?? email.flatMap({ byEmail[$0] }) {
                // Found again by the key next time, even if the address changes here.
                if known[key(user.id)] == nil { try await repos.imports.setImportKey(key(user.id), ofMember: id) }
                people[user.id] = id
                summary.peopleFound += 1
                continue
            }
            let address = email ?? "\(user.id.lowercased())@\(export.team.lowercased()).slack.invalid"
            let member = try await repos.members.insert(NewMember(
                email: address, passwordHash: "", role: user.is_restricted == true || user.is_ultra_restricted == true ? .guest : .member,
                status: user.deleted == true ? .deactivated : .active, organizationID: nil,
                draft: ProfileDraft(
                    name: String(user.displayName.prefix(100)), nameKana: "",
                    profile: Profile(title: String((user.profile?.title ?? "").prefix(100))), fieldIDs: []
                )
            ), at: now)
            try await repos.imports.setImportKey(key(user.id), ofMember: member.id)
            byEmail[address] = member.id
            people[user.id] = member.id
            summary.peopleCreated += 1
        }
    }

    /// The address Slack has for them, when it looks like one.
    static func email(of user: SlackUser) -> String? {
        guard let raw = user.profile?.email?.trimmingCharacters(in: .whitespaces).lowercased(), raw.count <= 254 else { return nil }
        let parts = raw.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !raw.contains(where: \.isWhitespace) else { return nil }
        return raw
    }

    // MARK: Conversations

    private mutating func importConversations(createdBy actorID: Int64?) async throws {
        for conversation in export.conversations {
            let members = Array(Set((conversation.info.members ?? []).compactMap { people[$0] })).sorted()
            guard let (channel, created) = try await channel(for: conversation, members: members, createdBy: actorID) else {
                channels.append(nil)
                summary.conversationsSkipped += 1
                continue
            }
            // Seats only in a channel made now: in one that was there (from an earlier import,
            // or a public channel of the same name) seats are what its people have made them.
            if created {
                for member in members {
                    try await repos.channels.addSeat(channelID: channel.id, memberID: member, at: now)
                }
            }
            channels.append(channel.id)
            channelBySlackID[conversation.info.id] = channel.id
            seated[channel.id] = Set(try await repos.channels.seatedMembers(of: channel.id))
        }
    }

    /// The channel for the conversation, and whether it was made now; nil when it is skipped.
    private mutating func channel(for conversation: SlackExport.Conversation, members: [Int64], createdBy actorID: Int64?) async throws -> (Channel, Bool)? {
        let info = conversation.info
        if let found = try await repos.imports.channel(importKey: key(info.id)) {
            summary.channelsFound += 1
            return (found, false)
        }
        let isDirect = conversation.kind == .direct || (conversation.kind == .multiparty && members.count <= Exchange.limits.directPeople)
        var directKey: String?
        if isDirect {
            guard members.count >= 2 else { return nil }
            directKey = members.map(String.init).joined(separator: ",")
            if let found = try await repos.channels.find(directKey: directKey!) {
                try await repos.imports.setImportKey(key(info.id), ofChannel: found.id)
                summary.channelsFound += 1
                return (found, false)
            }
        }
        let name = String((info.name ?? info.id).prefix(Exchange.limits.name))
        if conversation.kind == .channel, let found = try await repos.channels.find(name: name) {
            try await repos.imports.setImportKey(key(info.id), ofChannel: found.id)
            summary.channelsFound += 1
            return (found, false)
        }
        let draft = ChannelDraft(
            kind: isDirect ? .direct : (conversation.kind == .channel ? .public : .private),
            name: isDirect ? "" : name,
            topic: String(plain(info.topic?.value).prefix(Exchange.limits.topic)),
            description: String(plain(info.purpose?.value).prefix(Exchange.limits.description))
        )
        let created = info.created.map { Date(timeIntervalSince1970: $0) } ?? now
        let channel = try await repos.channels.insert(draft, groupID: nil, directKey: directKey, createdBy: actorID, at: created)
        try await repos.imports.setImportKey(key(info.id), ofChannel: channel.id)
        summary.channelsCreated += 1
        return (channel, true)
    }

    /// Slack text as plain text (for topics): references by name.
    private func plain(_ text: String?) -> String {
        SlackText.musubi(text ?? "", person: { names[$0].map { "@" + $0 } }).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Messages

    private mutating func importMessages() async throws {
        var pending: [ImportedMessage] = []
        var pendingKeys = Set<ImportedMessage.Key>()
        var done = 0
        for (_, files) in export.days {
            var day: [(message: SlackMessage, channelID: Int64, ts: Date)] = []
            for file in files {
                let messages = try SlackExport.messages(in: file, of: archive)
                guard let channelID = channels[file.conversation] else {
                    done += messages.count
                    continue
                }
                for message in messages {
                    guard let ts = message.ts.flatMap(SlackTimestamp.date) else { continue }
                    day.append((message, channelID, ts))
                }
            }
            // A stable sort keeps a channel's own order for equal times.
            for (message, channelID, createdAt) in day.enumerated().sorted(by: { ($0.element.ts, $0.offset) < ($1.element.ts, $1.offset) }).map(\.element) {
                done += 1
                let messageKey = ImportedMessage.Key(channelID: channelID, importKey: key(message.ts!))
                if messageIDs[messageKey] != nil || pendingKeys.contains(messageKey) {
                    summary.messagesAlreadyThere += 1
                    continue
                }
                guard var imported = imported(message, channelID: channelID, key: messageKey.importKey, createdAt: createdAt) else {
                    summary.messagesSkipped += 1
                    continue
                }
                if let thread = message.thread_ts, thread != message.ts {
                    let root = ImportedMessage.Key(channelID: channelID, importKey: key(thread))
                    if pendingKeys.contains(root) { try await flush(&pending, &pendingKeys, done: done) }
                    // A reply whose thread is not in the export stands on its own.
                    imported.threadRootID = messageIDs[root]
                    imported.alsoInChannel = imported.threadRootID != nil && ["thread_broadcast", "reply_broadcast"].contains(message.subtype)
                }
                pending.append(imported)
                pendingKeys.insert(messageKey)
                if pending.count >= Self.batchSize { try await flush(&pending, &pendingKeys, done: done) }
            }
        }
        try await flush(&pending, &pendingKeys, done: done)
        try await repos.imports.index(unindexed)
        unindexed.removeAll()
    }

    private mutating func flush(_ pending: inout [ImportedMessage], _ keys: inout Set<ImportedMessage.Key>, done: Int) async throws {
        guard !pending.isEmpty else { return }
        let ids = try await repos.imports.insert(pending)
        messageIDs.merge(ids, uniquingKeysWith: { _, new in new })
        for message in pending where !message.deleted {
            if let id = ids[ImportedMessage.Key(channelID: message.channelID, importKey: message.importKey)] { unindexed.append((id, message.body)) }
        }
        if unindexed.count >= Self.indexBatchSize {
            try await repos.imports.index(unindexed)
            unindexed.removeAll(keepingCapacity: true)
        }
        summary.messagesImported += pending.count
        summary.reactions += pending.reduce(0) { $0 + $1.reactions.reduce(0) { $0 + $1.memberIDs.count } }
        pending.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        progress(.writing(done: done, total: export.messageCount))
    }

    /// Kinds of message that are the conversation itself; the rest (joins, leaves, topic
    /// changes, pins, …) are notices, not imported.
    static let conversationSubtypes: Set<String?> = [nil, "thread_broadcast", "reply_broadcast", "bot_message", "file_share", "me_message", "tombstone", "slackbot_response"]

    /// The message as Musubi stores it, or nil for a notice or an empty message.
    private mutating func imported(_ message: SlackMessage, channelID: Int64, key: String, createdAt: Date) -> ImportedMessage? {
        guard message.type == nil || message.type == "message", Self.conversationSubtypes.contains(message.subtype) else { return nil }
        let seatedHere = seated[channelID] ?? []
        let (people, names, channelBySlackID) = (people, names, channelBySlackID)
        var imported = ImportedMessage(channelID: channelID, authorID: nil, body: "", createdAt: createdAt, importKey: key)
        if let user = message.user, message.subtype != "bot_message", let member = people[user] {
            imported.authorID = member
        } else {
            let name = message.username ?? message.bot_profile?.name ?? message.user.flatMap { names[$0] } ?? "Slack"
            imported.authorName = String(name.prefix(80))
            imported.authorIcon = message.icons?.emoji.flatMap(SlackText.emoji) ?? ""
        }
        if message.subtype == "tombstone" {
            imported.deleted = true
            return imported
        }
        var text = message.text ?? ""
        if text.isEmpty { text = (message.attachments ?? []).compactMap(\.fallback).joined(separator: "\n") }
        var body = SlackText.musubi(
            text,
            person: { id in people[id].flatMap { seatedHere.contains($0) ? "<@\($0)>" : nil } ?? names[id].map { "@" + $0 } },
            channel: { id in channelBySlackID[id].map { "<#\($0)>" } },
            everyone: "<!channel>"
        )
        body = MessageText.keepingMentions(body, of: seatedHere)
        let links = (message.files ?? []).filter { $0.mode != "tombstone" && $0.mode != "hidden_by_limit" }.map { file in
            let name = file.name ?? file.title ?? "file"
            return "📎 " + ((file.permalink ?? file.url_private).map { SlackText.link($0, label: name) } ?? name)
        }
        // Slack allows longer messages than Musubi: the text is shortened, its file links kept.
        let room = MessageText.limit - links.reduce(0) { $0 + $1.count + 1 }
        if body.count > room {
            body = String(body.prefix(max(0, room - 1))) + "…"
            summary.messagesShortened += 1
        }
        body = ([body] + links).filter { !$0.isEmpty }.joined(separator: "\n")
        summary.fileLinks += links.count
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        imported.body = body
        imported.editedAt = message.edited?.ts.flatMap(SlackTimestamp.date)
        // Slack's names for the same emoji (`+1`, `thumbsup`, skin tones) become one reaction.
        var reactions: [(emoji: String, memberIDs: [Int64])] = []
        for reaction in message.reactions ?? [] {
            guard let emoji = Self.emoji(reaction.name) else { continue }
            let index = reactions.firstIndex { $0.emoji == emoji } ?? {
                reactions.append((emoji, []))
                return reactions.count - 1
            }()
            for member in (reaction.users ?? []).compactMap({ people[$0] }) where !reactions[index].memberIDs.contains(member) {
                reactions[index].memberIDs.append(member)
            }
        }
        imported.reactions = reactions.filter { !$0.memberIDs.isEmpty }
        return imported
    }

    /// A reaction's emoji from Slack's name (skin tones dropped), as Musubi keeps reactions.
    static func emoji(_ name: String) -> String? {
        let base = name.components(separatedBy: "::").first ?? name
        return SlackText.emoji(":\(base):") ?? Exchange.reactionEmoji(":\(base):")
    }
}
