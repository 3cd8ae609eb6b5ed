import Foundation

/// Writes a checked export, inside one transaction: people, then conversations with their
/// seats, then the messages of every conversation, whole days at a time and in the order
/// they were written, so that message ids follow time across channels as they do for messages
/// posted here.
struct SlackImportWriter {
    let export: SlackExport
    let archive: any ExportArchive
    let repos: any Repositories
    let files: SlackImportFiles
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
    /// The messages imported before, as they are stored now.
    private var importedBefore: [ImportedMessage.Key: ImportedMessage.Found] = [:]
    /// Each channel's newest message before the import (0 for none).
    private var newestBefore: [Int64: Int64] = [:]
    /// What the import added to each channel, and the threads it added replies to.
    private var activity: [Int64: ImportedChannelActivity] = [:]
    private var threadRoots = Set<Int64>()

    /// Messages read and written together, in whole days (more when a day holds more;
    /// notices and messages already there count too). Large, so that the time one batch
    /// takes to read and the next to write even out: with a thousand, the reader waited
    /// while the writer wrote the search index, and the import took a quarter longer. The
    /// search index also writes out what it gathered at every statement, so a batch's few
    /// statements make a few large pieces of it rather than many small ones to merge.
    static let batchSize = 20_000

    init(
        export: SlackExport, archive: any ExportArchive, repos: any Repositories, files: SlackImportFiles, now: Date,
        progress: @escaping @Sendable (SlackImport.Progress) -> Void
    ) {
        self.export = export
        self.archive = archive
        self.repos = repos
        self.files = files
        self.now = now
        self.progress = progress
    }

    mutating func run(actorID: Int64?) async throws -> SlackImport.Summary {
        try await importPeople()
        try await importOutsiders()
        try await importConversations(createdBy: actorID)
        let channelIDs = Array(Set(channels.compactMap { $0 }))
        newestBefore = try await repos.imports.newestMessageIDs(in: channelIDs)
        importedBefore = try await repos.imports.messages(in: channelIDs)
        messageIDs = importedBefore.mapValues(\.id)
        try await importMessages()
        try await repos.imports.settle(threadRoots: Array(threadRoots), channels: Array(activity.values))
        return summary
    }

    // MARK: People

    private func key(_ slackID: String) -> String { SlackDayReader.key(slackID, team: export.team) }

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
            let address = email ?? Self.placeholderAddress(user.id, team: export.team)
            let member = try await repos.members.insert(
                NewMember(
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

    /// People the messages name whom `users.json` does not list: a person each, found again by
    /// the same key when a later export lists them, with no account (a deactivated guest, at
    /// an address that can never be a real one) and the name a message gave them, or the id.
    private mutating func importOutsiders() async throws {
        let known = try await repos.imports.members(importKeys: export.outsiders.map { key($0.id) })
        for outsider in export.outsiders {
            let name = String((outsider.name ?? outsider.id).prefix(100))
            names[outsider.id] = name
            summary.peopleOutside += 1
            if let id = known[key(outsider.id)] {
                people[outsider.id] = id
                continue
            }
            let member = try await repos.members.insert(
                NewMember(
                    email: Self.placeholderAddress(outsider.id, team: export.team), passwordHash: "", role: .guest, status: .deactivated,
                    organizationID: nil, draft: ProfileDraft(name: name, nameKana: "", profile: Profile(), fieldIDs: [])
                ), at: now)
            try await repos.imports.setImportKey(key(outsider.id), ofMember: member.id)
            people[outsider.id] = member.id
        }
    }

    /// The address of a person without one: it can never be mistaken for a real one.
    static func placeholderAddress(_ slackID: String, team: String) -> String {
        "\(slackID.lowercased())@\(team.lowercased()).slack.invalid"
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
    private mutating func channel(for conversation: SlackExport.Conversation, members: [Int64], createdBy actorID: Int64?) async throws -> (
        ExchangeChannel, Bool
    )? {
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

    /// The days in order, a batch of them at a time. While one batch is written, the next is
    /// read (decoded, turned into Musubi's messages with the files the export carries saved,
    /// cut into search tokens) beside it, on the other core.
    private mutating func importMessages() async throws {
        let reader = SlackDayReader(
            export: export, archive: archive, people: people, names: names, channels: channels, channelBySlackID: channelBySlackID, seated: seated,
            alreadyThere: importedBefore, files: files
        )
        var done = 0
        var days = try await reader.days(from: 0, atLeast: Self.batchSize)
        while let current = days {
            async let following = try await reader.days(from: current.end, atLeast: Self.batchSize)
            // A server shutting down cancels the import: the transaction rolls back.
            try Task.checkCancellation()
            try await write(current)
            done += current.count
            progress(.writing(done: done, total: export.messageCount))
            days = try await following
        }
    }

    /// The days' messages that are not there yet, in one batch: a reply names its thread's
    /// first message by its id, or by its place in the batch.
    private mutating func write(_ days: SlackDayReader.Days) async throws {
        var messages: [ImportedMessage] = []
        var indexed: [String] = []
        var keys: [ImportedMessage.Key] = []
        var places: [ImportedMessage.Key: Int] = [:]
        for entry in days.entries {
            if places[entry.key] != nil {
                summary.messagesAlreadyThere += 1
                continue
            }
            if let id = messageIDs[entry.key] {
                if entry.isEdit, let edited = entry.message, let at = edited.editedAt {
                    let mentions = MessageText.mentions(in: edited.body)
                    try await repos.messages.edit(id: id, body: edited.body, mentions: mentions.people, mentionsChannel: mentions.channel, at: at)
                    summary.messagesEdited += 1
                } else {
                    summary.messagesAlreadyThere += 1
                }
                continue
            }
            guard var message = entry.message else {
                summary.messagesSkipped += 1
                continue
            }
            if let root = entry.threadKey {
                // A reply whose thread is not in the export stands on its own.
                message.threadRoot = messageIDs[root].map { .stored($0) } ?? places[root].map { .earlierInBatch($0) }
                message.alsoInChannel = message.threadRoot != nil && entry.isBroadcast
            }
            summary.messagesShortened += entry.shortened ? 1 : 0
            summary.fileLinks += entry.fileLinks
            places[entry.key] = messages.count
            messages.append(message)
            indexed.append(entry.indexed)
            keys.append(entry.key)
        }
        guard !messages.isEmpty else { return }
        let ids = try await repos.imports.insert(messages)
        files.written(messages.lazy.flatMap(\.files))
        var searchable: [(id: Int64, indexed: String)] = []
        for (place, id) in ids.enumerated() {
            let message = messages[place]
            messageIDs[keys[place]] = id
            if !message.deleted { searchable.append((id, indexed[place])) }
            switch message.threadRoot {
            case .stored(let root): threadRoots.insert(root)
            case .earlierInBatch(let rootPlace): threadRoots.insert(ids[rootPlace])
            case nil: break
            }
            var channel =
                activity[message.channelID]
                ?? ImportedChannelActivity(
                    channelID: message.channelID, newestBefore: newestBefore[message.channelID] ?? 0, newestImportedID: id,
                    newestImportedAt: message.createdAt
                )
            channel.newestImportedID = max(channel.newestImportedID, id)
            channel.newestImportedAt = max(channel.newestImportedAt, message.createdAt)
            activity[message.channelID] = channel
        }
        try await repos.imports.index(searchable)
        summary.messagesImported += messages.count
        summary.reactions += messages.reduce(0) { $0 + $1.reactions.reduce(0) { $0 + $1.memberIDs.count } }
        summary.files += messages.reduce(0) { $0 + $1.files.count }
    }
}
