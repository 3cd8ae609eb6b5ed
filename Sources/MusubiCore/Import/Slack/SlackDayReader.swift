import Foundation

/// Reads days of a checked export into messages ready to write: its conversations' files
/// decoded, each message turned into Musubi's (author, text, files or links to them,
/// reactions, edit mark) with its key, its thread's key and its search tokens, in the order
/// they were written; the files the export carries saved in the file store. It needs only
/// the export and what the import settled before the messages (people, channels, seats), so
/// the next day is read while the last one is written.
struct SlackDayReader: Sendable {
    let export: SlackExport
    let archive: any ExportArchive
    /// Slack user id → member id, for people (not apps).
    let people: [String: Int64]
    /// Slack user id → the name Slack showed.
    let names: [String: String]
    /// Conversation (by its place in the export) → channel id; nil when skipped.
    let channels: [Int64?]
    let channelBySlackID: [String: Int64]
    let seated: [Int64: Set<Int64>]
    /// Messages an earlier import brought: found again, not made again, but given the newer
    /// text when Slack's edit mark is later than theirs.
    let alreadyThere: [ImportedMessage.Key: ImportedMessage.Found]
    let files: SlackImportFiles

    /// One message of the day.
    struct Entry: Sendable {
        var key: ImportedMessage.Key
        /// The thread's first message, when this one is a reply.
        var threadKey: ImportedMessage.Key?
        /// Also sent to the channel, when it is a reply.
        var isBroadcast: Bool
        /// Nil for a notice (a join, a topic change, …), an empty message, or one already there.
        var message: ImportedMessage?
        /// The message is already there, and `message` is its newer text and edit time.
        var isEdit = false
        /// Its text as the search index is given it.
        var indexed: String
        var shortened: Bool
        var fileLinks: Int
    }

    /// Consecutive days of the export.
    struct Days: Sendable {
        var entries: [Entry]
        /// Messages in the days' files, those of skipped conversations included.
        var count: Int
        /// The day after the last one read.
        var end: Int
    }

    /// The key that recognises a Slack record of this workspace (a user, a conversation, a
    /// message's timestamp) when it is imported again.
    static func key(_ slackID: String, team: String) -> String { "slack:\(team):\(slackID)" }

    /// The days from `first` (oldest first) until they hold at least `size` messages or the
    /// export ends; nil past the last day.
    func days(from first: Int, atLeast size: Int) async throws -> Days? {
        guard export.days.indices.contains(first) else { return nil }
        var days = Days(entries: [], count: 0, end: first)
        while days.entries.count < size, export.days.indices.contains(days.end) {
            // The writer stops waiting for this batch when it fails.
            try Task.checkCancellation()
            try await read(day: days.end, into: &days)
            days.end += 1
        }
        return days
    }

    private func read(day index: Int, into days: inout Days) async throws {
        var written: [(message: SlackMessage, channelID: Int64, ts: Date)] = []
        for file in export.days[index].files {
            let messages = try SlackExport.messages(in: file, of: archive)
            days.count += messages.count
            guard let channelID = channels[file.conversation] else { continue }
            for message in messages {
                guard let ts = message.ts.flatMap(SlackTimestamp.date) else { continue }
                written.append((message, channelID, ts))
            }
        }
        // A stable sort keeps a channel's own order for equal times.
        let inOrder = written.enumerated().sorted { ($0.element.ts, $0.offset) < ($1.element.ts, $1.offset) }.map(\.element)
        for written in inOrder {
            days.entries.append(try await entry(written.message, channelID: written.channelID, createdAt: written.ts))
        }
    }

    private func entry(_ message: SlackMessage, channelID: Int64, createdAt: Date) async throws -> Entry {
        let key = ImportedMessage.Key(channelID: channelID, importKey: Self.key(message.ts!, team: export.team))
        var entry = Entry(key: key, threadKey: nil, isBroadcast: false, message: nil, indexed: "", shortened: false, fileLinks: 0)
        if let found = alreadyThere[key] {
            guard !found.deleted, let edited = message.edited?.ts.flatMap(SlackTimestamp.date),
                edited.timeIntervalSince(found.editedAt ?? .distantPast) >= 0.001
            else { return entry }
            // Edited in Slack since it was imported (and not in Musubi after that).
            entry.message = try await imported(message, into: &entry, createdAt: createdAt, savingFiles: false)
            entry.isEdit = entry.message?.deleted == false
            return entry
        }
        if let thread = message.thread_ts, thread != message.ts {
            entry.threadKey = ImportedMessage.Key(channelID: channelID, importKey: Self.key(thread, team: export.team))
            entry.isBroadcast = ["thread_broadcast", "reply_broadcast"].contains(message.subtype)
        }
        entry.message = try await imported(message, into: &entry, createdAt: createdAt, savingFiles: true)
        if let message = entry.message, !message.deleted {
            entry.indexed = SearchGrams.indexed(MessageText.searchable(message.body, fileNames: message.files.map(\.filename)))
        }
        return entry
    }

    /// Kinds of message that are the conversation itself; the rest (joins, leaves, topic
    /// changes, pins, …) are notices, not imported.
    static let conversationSubtypes: Set<String?> = [
        nil, "thread_broadcast", "reply_broadcast", "bot_message", "file_share", "me_message", "tombstone", "slackbot_response",
    ]

    /// The message as Musubi stores it (its thread aside), or nil for a notice or an empty
    /// message. Without `savingFiles` (for the newer text of a message already there), the
    /// files it would keep are not saved again.
    private func imported(_ message: SlackMessage, into entry: inout Entry, createdAt: Date, savingFiles: Bool) async throws -> ImportedMessage? {
        guard message.type == nil || message.type == "message", Self.conversationSubtypes.contains(message.subtype) else { return nil }
        let channelID = entry.key.channelID
        let seatedHere = seated[channelID] ?? []
        var imported = ImportedMessage(channelID: channelID, authorID: nil, body: "", createdAt: createdAt, importKey: entry.key.importKey)
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
        var links: [String] = []
        for file in message.files ?? [] where file.mode != "tombstone" && file.mode != "hidden_by_limit" {
            let name = file.name ?? file.title ?? "file"
            if let kept = try await keep(file, named: name, besides: imported.files, saving: savingFiles) {
                imported.files.append(kept)
            } else {
                links.append("📎 " + ((file.permalink ?? file.url_private).map { SlackText.link($0, label: name) } ?? name))
            }
        }
        // Slack allows longer messages than Musubi: the text is shortened, its file links kept.
        let room = MessageText.limit - links.reduce(0) { $0 + $1.count + 1 }
        if body.count > room {
            body = String(body.prefix(max(0, room - 1))) + "…"
            entry.shortened = true
        }
        body = ([body] + links).filter { !$0.isEmpty }.joined(separator: "\n")
        // A file may stand alone, as when posting.
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { body = "" }
        guard !body.isEmpty || !imported.files.isEmpty else { return nil }
        entry.fileLinks = links.count
        imported.body = body
        imported.editedAt = message.edited?.ts.flatMap(SlackTimestamp.date)
        // Slack's names for the same emoji (`+1`, `thumbsup`, skin tones) become one reaction.
        var reactions: [(emoji: String, memberIDs: [Int64])] = []
        for reaction in message.reactions ?? [] {
            guard let emoji = Self.emoji(reaction.name) else { continue }
            let index =
                reactions.firstIndex { $0.emoji == emoji }
                ?? {
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

    /// The file saved in the file store, when the export carries it and it is a file Musubi
    /// keeps with a message as it does when posting (its kind, its size, and with the files
    /// `kept` before it, how many and how large in all); nil to link to it instead. One that
    /// cannot be read is linked to as well: the messages matter more than a damaged file.
    /// Without `saving`, it is only told whether the file would be kept.
    private func keep(_ file: SlackMessage.File, named name: String, besides kept: [StoredFile], saving: Bool) async throws -> StoredFile? {
        let room = Exchange.fileLimits.size - kept.reduce(0) { $0 + $1.size }
        guard kept.count < Exchange.fileLimits.count, let id = file.id, let carried = export.uploads[id], carried.size <= UInt64(room),
            let data = try? archive.contents(of: carried.path)
        else { return nil }
        guard let (filename, kind, kept) = try? Upload(filename: name, data: data).checked(field: "files", sizeLimit: room) else { return nil }
        return StoredFile(filename: filename, kind: kind, size: kept.count, storedName: saving ? try await files.save(kept) : "")
    }

    /// A reaction's emoji from Slack's name (skin tones dropped), as Musubi keeps reactions.
    static func emoji(_ name: String) -> String? {
        let base = name.components(separatedBy: "::").first ?? name
        return SlackText.emoji(":\(base):") ?? Exchange.reactionEmoji(":\(base):")
    }
}
