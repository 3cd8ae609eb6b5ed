import Foundation

extension Exchange {
    /// How many bytes of files a message carries in all, and how many files.
    public static let fileLimits = (size: 10 * 1024 * 1024, count: 4)

    /// Posts in a channel, or replies in a thread (and, when asked, in the channel too), with
    /// files if any (then the text may be left empty). Files are checked and kept before the
    /// message is written, and dropped again if it is not.
    public func post(
        _ actor: Requester, channelID: Int64, body: String, threadRootID: Int64? = nil, alsoToChannel: Bool = false, files uploads: [Upload] = []
    ) async throws -> Message {
        let typed = try validBody(body, required: uploads.isEmpty)
        guard uploads.count <= Self.fileLimits.count else { throw MusubiError.invalid("files", "error.too_many_message_files") }
        let checked = try uploads.map { try $0.checked(field: "files", sizeLimit: Self.fileLimits.size) }
        guard uploads.reduce(0, { $0 + $1.data.count }) <= Self.fileLimits.size else { throw MusubiError.invalid("files", "error.file_too_large") }
        let now = env.now()
        if !uploads.isEmpty { _ = try await env.persistence.read { repos in try await mayPost(in: channelID, actor, repos) } }
        var stored: [StoredFile] = []
        do {
            for (filename, kind, kept) in checked {
                stored.append(StoredFile(filename: filename, kind: kind, size: kept.count, storedName: try await env.files.save(kept)))
            }
            return try await post(
                actor, channelID: channelID, typed: typed, threadRootID: threadRootID, alsoToChannel: alsoToChannel, files: stored, at: now)
        } catch {
            for file in stored { try? await env.files.delete(file.storedName) }
            throw error
        }
    }

    private func post(
        _ actor: Requester, channelID: Int64, typed: String, threadRootID: Int64?, alsoToChannel: Bool, files: [StoredFile], at now: Date
    ) async throws -> Message {
        let (message, event, notified) = try await env.persistence.write { repos in
            let author = try await mayPost(in: channelID, actor, repos)
            if let threadRootID {
                guard let root = try await repos.messages.find(id: threadRootID), root.channelID == channelID, root.threadRootID == nil else {
                    throw MusubiError.invalid("threadRootID", "error.thread_unknown")
                }
                if root.isDeleted { throw MusubiError.invalid("threadRootID", "error.thread_deleted") }
            }
            let message = try await Self.insert(
                typed: NewMessage(
                    channelID: channelID, authorID: author, body: typed, threadRootID: threadRootID, alsoInChannel: alsoToChannel, files: files,
                    at: now
                ), repos)
            if message.inTimeline { try await repos.channels.markRead(channelID: channelID, memberID: author, upTo: message.id) }
            let notified = try await notifyAbout(message, repos)
            return (message, try await repos.messages.appendEvent(channelID: channelID, kind: .posted, messageID: message.id, at: now), notified)
        }
        await env.exchangeEvents.publish([event])
        if !notified.isEmpty { await env.exchangeEvents.notificationsChanged(memberIDs: notified) }
        return message
    }

    /// The author's new wording; the message is marked edited. Only a message with files may
    /// be left without text.
    public func edit(_ actor: Requester, messageID: Int64, body: String) async throws -> Message {
        let typed = try validBody(body, required: false)
        let now = env.now()
        let (message, event) = try await env.persistence.write { repos in
            let (message, access) = try await visibleMessage(messageID, to: actor, repos)
            try Policy.require(actor, .edit, .message(authorID: message.authorID, in: access), hiding: false)
            guard !message.isDeleted else { throw MusubiError.conflict("error.message_deleted") }
            if typed.isEmpty, try await repos.messages.files(of: [messageID]).isEmpty { throw MusubiError.invalid("body", "error.required") }
            let stored = try await Self.storing(typed, channelID: message.channelID, repos)
            let mentions = MessageText.mentions(in: stored)
            try await repos.messages.edit(id: messageID, body: stored, mentions: mentions.people, mentionsChannel: mentions.channel, at: now)
            var edited = message
            (edited.body, edited.editedAt) = (stored, now)
            return (edited, try await repos.messages.appendEvent(channelID: message.channelID, kind: .edited, messageID: messageID, at: now))
        }
        await env.exchangeEvents.publish([event])
        return message
    }

    /// Leaves a tombstone: "this message was deleted", its thread kept, its files gone. Gives
    /// the tombstone.
    @discardableResult
    public func delete(_ actor: Requester, messageID: Int64) async throws -> Message {
        let now = env.now()
        let (message, event, storedFiles) = try await env.persistence.write { repos -> (Message, ChannelEvent?, [String]) in
            var (message, access) = try await visibleMessage(messageID, to: actor, repos)
            try Policy.require(actor, .delete, .message(authorID: message.authorID, in: access), hiding: false)
            guard !message.isDeleted else { return (message, nil, []) }
            let storedFiles = try await repos.messages.tombstone(id: messageID, at: now)
            (message.body, message.deletedAt) = ("", now)
            return (
                message, try await repos.messages.appendEvent(channelID: message.channelID, kind: .deleted, messageID: messageID, at: now),
                storedFiles
            )
        }
        for name in storedFiles { try? await env.files.delete(name) }
        if let event { await env.exchangeEvents.publish([event]) }
        return message
    }

    /// A file of a message the actor may see, and its bytes, for downloading. A file whose
    /// message they may not see, or gone from the store, does not exist for them.
    public func file(_ actor: Requester, id: Int64) async throws -> (MessageFile, Data) {
        guard actor != .anonymous else { throw MusubiError.unauthenticated }
        let file = try await env.persistence.read { repos in
            guard let file = try await repos.messages.file(id: id) else { throw MusubiError.notFound }
            _ = try await visibleMessage(file.messageID, to: actor, repos)
            return file
        }
        guard let data = try? await env.files.read(file.file.storedName) else { throw MusubiError.notFound }
        return (file, data)
    }

    /// A channel's files, newest first, with the messages they came with and their authors'
    /// names.
    public struct ChannelFiles: Sendable {
        public var channel: ExchangeChannel
        public var title: String
        public var files: Page<MessageFile>
        public var messages: [Int64: Message]
        public var names: [Int64: String]
    }

    /// A channel's files, to those who may read the channel.
    public func files(_ actor: Requester, channelID: Int64, page: PageRequest) async throws -> ChannelFiles {
        try await env.persistence.read { repos in
            let (channel, _) = try await visible(channelID, to: actor, repos)
            let titles = try await actor.memberID.asyncMap { try await directTitles([channel], me: $0, repos) } ?? [:]
            let files = try await repos.messages.files(inChannel: channelID, page: page)
            let messages = try await repos.messages.find(ids: files.items.map(\.messageID))
            let names = try await repos.members.names(of: Array(Set(messages.compactMap(\.authorID))))
            return ChannelFiles(
                channel: channel, title: titles[channel.id] ?? channel.name, files: files,
                messages: Dictionary(messages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }), names: names)
        }
    }

    /// The kinds of file that messages show previews of here.
    public var previewKinds: Set<FileKind> { env.previews.kinds }

    /// A small picture of a file (an image, a PDF's first page) of a message the actor may
    /// see; nil when there is none to be had.
    public func preview(_ actor: Requester, fileID: Int64) async throws -> Data? {
        guard actor != .anonymous else { throw MusubiError.unauthenticated }
        let file = try await env.persistence.read { repos in
            guard let file = try await repos.messages.file(id: fileID) else { throw MusubiError.notFound }
            _ = try await visibleMessage(file.messageID, to: actor, repos)
            return file
        }
        let (files, name) = (env.files, file.file.storedName)
        return await env.previews.preview(of: name, kind: file.file.kind) { try await files.read(name) }
    }

    /// One message the actor may see (a tombstone included).
    public func message(_ actor: Requester, id: Int64) async throws -> Message {
        try await env.persistence.read { try await visibleMessage(id, to: actor, $0).0 }
    }

    /// Adds the actor's reaction or takes it back: toggles it, or when `present` is given,
    /// makes it so (nothing changes, and no event is stored, when it already is). True when
    /// the reaction is there afterwards.
    @discardableResult
    public func react(_ actor: Requester, messageID: Int64, emoji: String, present: Bool? = nil) async throws -> Bool {
        guard let emoji = Self.reactionEmoji(emoji) else { throw MusubiError.invalid("emoji", "error.emoji") }
        let now = env.now()
        let (isThere, event) = try await env.persistence.write { repos -> (Bool, ChannelEvent?) in
            let (message, access) = try await visibleMessage(messageID, to: actor, repos)
            try Policy.require(actor, .post, .message(authorID: message.authorID, in: access), hiding: false)
            guard let me = actor.memberID else { throw MusubiError.unauthenticated }
            guard !message.isDeleted else { throw MusubiError.conflict("error.message_deleted") }
            let set = { (present: Bool) in
                try await repos.messages.setReaction(messageID: messageID, memberID: me, emoji: emoji, present: present, at: now)
            }
            let isThere: Bool
            if let present {
                guard try await set(present) else { return (present, nil) }
                isThere = present
            } else {
                isThere = try await !set(false)
                if isThere { _ = try await set(true) }
            }
            return (isThere, try await repos.messages.appendEvent(channelID: message.channelID, kind: .reacted, messageID: messageID, at: now))
        }
        if let event { await env.exchangeEvents.publish([event]) }
        return isThere
    }

    /// A reaction is one emoji (a single grapheme that is not a letter, digit or space) or a
    /// `:short_name:` of up to 32 lowercase letters, digits, `_`, `+` and `-`.
    static func reactionEmoji(_ raw: String) -> String? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard value.utf8.count <= 34 else { return nil }
        if value.count == 1, let scalar = value.unicodeScalars.first, scalar.properties.isEmoji, scalar.value > 0x7F {
            return value
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_+-")
        if value.count >= 3, value.count <= 34, value.hasPrefix(":"), value.hasSuffix(":"), value.dropFirst().dropLast().allSatisfy(allowed.contains)
        {
            return value
        }
        return nil
    }

    // MARK: Helpers

    func validBody(_ body: String, required: Bool) throws -> String {
        var check = Validator()
        let typed = check.text("body", body, required: required, limit: MessageText.limit, multiline: true)
        try check.check()
        return typed
    }

    /// The typed text as it is stored: `@name` of the people seated in the channel and
    /// `@channel` as mentions, `#name` of a public channel as a reference to it, and known
    /// `:shortcodes:` as their emoji.
    static func storing(_ typed: String, channelID: Int64, _ repos: any Repositories) async throws -> String {
        var text = EmojiCatalog.shipped.replacingShortcodes(in: typed)
        if text.contains("#") { text = try await referringToChannels(text, repos) }
        guard text.contains("@") else { return text }
        // Only the people seated here can be mentioned (typed `<@id>` of anyone else stays text).
        let seated = try await repos.members.mentionNames(of: try await repos.channels.seatedMembers(of: channelID))
        return MessageText.storing(text, people: seated)
    }

    /// `#name` (at the start of a word, up to the next space) of a public channel as `<#id>`.
    private static func referringToChannels(_ text: String, _ repos: any Repositories) async throws -> String {
        var result = ""
        var rest = text[...]
        while let hash = rest.firstIndex(of: "#") {
            result += rest[..<hash]
            let after = rest[rest.index(after: hash)...]
            let name = after.prefix { !$0.isWhitespace }.trimmingCharacters(in: .init(charactersIn: "、。，．,.!?！？)）」"))
            if result.last.map({ $0.isWhitespace || $0.isPunctuation }) ?? true, !name.isEmpty, name.count <= 80,
                let channel = try await repos.channels.find(name: name), channel.kind == .public
            {
                result += "<#\(channel.id)>"
                rest = after.dropFirst(name.count)
            } else {
                result.append("#")
                rest = after
            }
        }
        return result + rest
    }

    /// Stores a message whose `body` is as typed: the `@name`s of the people seated in the
    /// channel, and `@channel`, become its mentions.
    static func insert(typed draft: NewMessage, _ repos: any Repositories) async throws -> Message {
        var draft = draft
        draft.body = try await storing(draft.body, channelID: draft.channelID, repos)
        (draft.mentions, draft.mentionsChannel) = MessageText.mentions(in: draft.body)
        return try await repos.messages.insert(draft)
    }

    /// The actor's id, when they may post in the channel.
    @discardableResult
    private func mayPost(in channelID: Int64, _ actor: Requester, _ repos: any Repositories) async throws -> Int64 {
        let (_, access) = try await visible(channelID, to: actor, repos)
        try Policy.require(actor, .post, .channel(access), hiding: false)
        guard let author = actor.memberID else { throw MusubiError.unauthenticated }
        return author
    }

    /// The message and how the actor stands to its channel, when they may see it.
    func visibleMessage(_ messageID: Int64, to actor: Requester, _ repos: any Repositories) async throws -> (Message, ChannelAccess) {
        guard let message = try await repos.messages.find(id: messageID) else { throw MusubiError.notFound }
        let (_, access) = try await visible(message.channelID, to: actor, repos)
        return (message, access)
    }
}
