import Foundation
import MusubiCore
import SQLKit

struct SQLMessageRepository: MessageRepository {
    let db: any SQLDatabase

    func insert(_ new: NewMessage) async throws -> Message {
        let (channelID, threadRootID, at) = (new.channelID, new.threadRootID, new.at)
        let inTimeline = threadRootID == nil || new.alsoInChannel
        let id = try await db.insertReturningID(
            """
            INSERT INTO messages (channel_id, author_id, author_name, author_icon, body, thread_root_id, in_timeline, mentions_channel, created_at)
            VALUES (\(bind: channelID), \(bind: new.authorID), \(bind: new.authorName), \(bind: new.authorIcon), \(bind: new.body), \(bind: threadRootID),
              \(bind: inTimeline ? 1 : 0), \(bind: new.mentionsChannel ? 1 : 0), \(bind: at.epochMilliseconds))
            """)
        try await insertMentions(messageID: id, channelID: channelID, new.mentions)
        for file in new.files {
            try await db.raw(
                """
                INSERT INTO message_files (message_id, filename, kind, size, stored_name)
                VALUES (\(bind: id), \(bind: file.filename), \(bind: file.kind.rawValue), \(bind: Int64(file.size)), \(bind: file.storedName))
                """
            ).run()
        }
        try await SQLMessageSearch(db: db).index(messageID: id, body: new.body, fileNames: new.files.map(\.filename))
        if let threadRootID {
            try await db.raw(
                """
                UPDATE messages SET reply_count = reply_count + 1, last_reply_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: threadRootID)
                """
            ).run()
        }
        try await db.raw("UPDATE channels SET last_message_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: channelID)").run()
        return Message(
            id: id, channelID: channelID, authorID: new.authorID, authorName: new.authorName, authorIcon: new.authorIcon, body: new.body,
            threadRootID: threadRootID, alsoInChannel: threadRootID != nil && new.alsoInChannel, createdAt: at)
    }

    func find(id: Int64) async throws -> Message? {
        try await db.raw("SELECT * FROM messages WHERE id = \(bind: id)").first().map(Self.message)
    }

    func find(ids: [Int64]) async throws -> [Message] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw("SELECT * FROM messages WHERE " + inList("id", ids)).all().map(Self.message)
    }

    func timeline(channelID: Int64, before: Int64?, limit: Int) async throws -> [Message] {
        let older: SQLQueryString = before.map { " AND id < \(bind: $0)" } ?? ""
        return try await db.raw(
            "SELECT * FROM messages WHERE channel_id = \(bind: channelID) AND in_timeline = 1" + older + " ORDER BY id DESC LIMIT \(literal: limit)"
        ).all().map(Self.message)
    }

    func replies(to rootID: Int64) async throws -> [Message] {
        try await db.raw("SELECT * FROM messages WHERE thread_root_id = \(bind: rootID) ORDER BY id").all().map(Self.message)
    }

    func edit(id: Int64, body: String, mentions: Set<Int64>, mentionsChannel: Bool, at: Date) async throws {
        try await db.raw(
            """
            UPDATE messages SET body = \(bind: body), mentions_channel = \(bind: mentionsChannel ? 1 : 0), edited_at = \(bind: at.epochMilliseconds)
            WHERE id = \(bind: id)
            """
        ).run()
        let channel = try await db.raw("SELECT channel_id FROM messages WHERE id = \(bind: id)").first().map { try $0.int64("channel_id") }
        try await db.raw("DELETE FROM message_mentions WHERE message_id = \(bind: id)").run()
        if let channel { try await insertMentions(messageID: id, channelID: channel, mentions) }
        let search = SQLMessageSearch(db: db)
        try await search.remove(messageID: id)
        try await search.index(messageID: id, body: body, fileNames: try await files(of: [id]).map(\.filename))
    }

    func tombstone(id: Int64, at: Date) async throws -> [String] {
        try await db.raw("UPDATE messages SET body = '', mentions_channel = 0, deleted_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id)")
            .run()
        try await db.raw("DELETE FROM message_mentions WHERE message_id = \(bind: id)").run()
        try await db.raw("DELETE FROM message_reactions WHERE message_id = \(bind: id)").run()
        try await SQLMessageSearch(db: db).remove(messageID: id)
        return try await removeFiles(of: [id])
    }

    func removeExpired(channelID: Int64, before cutoff: Date, threads limit: Int) async throws -> (messages: Int, storedFiles: [String]) {
        // The newest message in the database stays whatever its age: SQLite would hand its
        // id to the next message, and read marks and links would then point at that one.
        let newest = try await db.raw("SELECT id, thread_root_id FROM messages ORDER BY id DESC LIMIT 1").first()
        let keptRoot = try newest.map { try $0.optionalInt64("thread_root_id") ?? $0.int64("id") } ?? 0
        let roots = try await db.raw(
            """
            SELECT id FROM messages WHERE channel_id = \(bind: channelID) AND thread_root_id IS NULL AND id <> \(bind: keptRoot)
              AND COALESCE(last_reply_at, created_at) < \(bind: cutoff.epochMilliseconds)
            ORDER BY id LIMIT \(literal: limit)
            """
        ).all().map { try $0.int64("id") }
        guard !roots.isEmpty else { return (0, []) }
        let replies = try await db.raw("SELECT id FROM messages WHERE " + inList("thread_root_id", roots)).all().map { try $0.int64("id") }
        var storedFiles: [String] = []
        // Events stay (their ids must never be drawn again); deliveries skip a message that is gone.
        for ids in [replies, roots] where !ids.isEmpty {
            try await db.raw("DELETE FROM message_mentions WHERE " + inList("message_id", ids)).run()
            try await db.raw("DELETE FROM message_reactions WHERE " + inList("message_id", ids)).run()
            storedFiles += try await removeFiles(of: ids)
            try await SQLMessageSearch(db: db).remove(messageIDs: ids)
            try await db.raw("DELETE FROM messages WHERE " + inList("id", ids)).run()
        }
        return (roots.count + replies.count, storedFiles)
    }

    func files(of messageIDs: [Int64]) async throws -> [MessageFile] {
        guard !messageIDs.isEmpty else { return [] }
        return try await db.raw("SELECT * FROM message_files WHERE " + inList("message_id", messageIDs) + " ORDER BY id").all().map(Self.file)
    }

    func files(inChannel channelID: Int64, page: PageRequest) async throws -> Page<MessageFile> {
        let from: SQLQueryString = "FROM message_files f JOIN messages m ON m.id = f.message_id WHERE m.channel_id = \(bind: channelID)"
        let total = try await db.count("SELECT COUNT(*) AS n " + from)
        let rows = try await db.raw("SELECT f.* " + from + " ORDER BY f.id DESC LIMIT \(literal: page.size) OFFSET \(literal: page.offset)").all()
        return Page(items: try rows.map(Self.file), total: total, request: page)
    }

    func file(id: Int64) async throws -> MessageFile? {
        try await db.raw("SELECT * FROM message_files WHERE id = \(bind: id)").first().map(Self.file)
    }

    /// Removes the records of these messages' files; gives their stored names.
    private func removeFiles(of messageIDs: [Int64]) async throws -> [String] {
        try await db.raw("DELETE FROM message_files WHERE " + inList("message_id", messageIDs) + " RETURNING stored_name").all()
            .map { try $0.string("stored_name") }
    }

    func reactions(to messageIDs: [Int64]) async throws -> [Reaction] {
        guard !messageIDs.isEmpty else { return [] }
        let rows = try await db.raw(
            """
            SELECT message_id, emoji, member_id, at FROM message_reactions WHERE
            """ + " " + inList("message_id", messageIDs) + " ORDER BY message_id, at, member_id"
        ).all()
        var reactions: [Reaction] = []
        for row in rows {
            let messageID = try row.int64("message_id")
            let emoji = try row.string("emoji")
            let member = try row.int64("member_id")
            if let index = reactions.firstIndex(where: { $0.messageID == messageID && $0.emoji == emoji }) {
                reactions[index].memberIDs.append(member)
            } else {
                reactions.append(Reaction(messageID: messageID, emoji: emoji, memberIDs: [member]))
            }
        }
        return reactions
    }

    func setReaction(messageID: Int64, memberID: Int64, emoji: String, present: Bool, at: Date) async throws -> Bool {
        // One statement each way, so two requests at once cannot undo each other.
        let statement: SQLQueryString =
            present
            ? """
            INSERT INTO message_reactions (message_id, member_id, emoji, at) VALUES (\(bind: messageID), \(bind: memberID), \(bind: emoji), \(bind: at.epochMilliseconds))
            ON CONFLICT DO NOTHING RETURNING emoji
            """
            : """
            DELETE FROM message_reactions WHERE message_id = \(bind: messageID) AND member_id = \(bind: memberID) AND emoji = \(bind: emoji) RETURNING emoji
            """
        return try await db.raw(statement).first() != nil
    }

    func mentioning(_ memberID: Int64, in channelIDs: [Int64], page: PageRequest) async throws -> Page<Message> {
        let filter: SQLQueryString =
            "m.deleted_at IS NULL AND (m.author_id IS NULL OR m.author_id <> \(bind: memberID)) AND " + inList("m.channel_id", channelIDs)
            + " AND (m.mentions_channel = 1 OR EXISTS (SELECT 1 FROM message_mentions x WHERE x.message_id = m.id AND x.member_id = \(bind: memberID)))"
        let total = try await db.count("SELECT COUNT(*) AS n FROM messages m WHERE " + filter)
        let rows = try await db.raw(
            "SELECT m.* FROM messages m WHERE " + filter + " ORDER BY m.id DESC LIMIT \(literal: page.size) OFFSET \(literal: page.offset)"
        ).all()
        return Page(items: try rows.map(Self.message), total: total, request: page)
    }

    /// Events get their ids in the order they commit: SQLite has one writer at a time, and on
    /// PostgreSQL each event's transaction takes the same advisory lock before its id is drawn,
    /// so a client resuming after id N can never miss an event numbered below N.
    func appendEvent(channelID: Int64, kind: ChannelEvent.Kind, messageID: Int64, at: Date) async throws -> ChannelEvent {
        if db.isPostgres {
            try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Self.eventLock))").run()
        }
        let id = try await db.insertReturningID(
            """
            INSERT INTO channel_events (channel_id, kind, message_id, at)
            VALUES (\(bind: channelID), \(bind: kind.rawValue), \(bind: messageID), \(bind: at.epochMilliseconds))
            """)
        return ChannelEvent(id: id, channelID: channelID, kind: kind, messageID: messageID, at: at)
    }

    func events(after id: Int64, in channelIDs: [Int64]?, limit: Int) async throws -> [ChannelEvent] {
        let channels: SQLQueryString = channelIDs.map { " AND " + inList("channel_id", $0) } ?? ""
        let rows = try await db.raw("SELECT * FROM channel_events WHERE id > \(bind: id)" + channels + " ORDER BY id LIMIT \(literal: limit)").all()
        return try rows.map { row in
            ChannelEvent(
                id: try row.int64("id"), channelID: try row.int64("channel_id"), kind: try row.enumValue("kind", as: ChannelEvent.Kind.self),
                messageID: try row.int64("message_id"), at: try row.date("at"))
        }
    }

    func latestEventID() async throws -> Int64 {
        try await db.raw("SELECT COALESCE(MAX(id), 0) AS n FROM channel_events").first()?.decode(column: "n", as: Int64.self) ?? 0
    }

    private static let eventLock: Int64 = 0x6D75_7375_6269

    private func insertMentions(messageID: Int64, channelID: Int64, _ mentions: Set<Int64>) async throws {
        for member in mentions.sorted() {
            try await db.raw(
                """
                INSERT INTO message_mentions (message_id, member_id, channel_id)
                SELECT \(bind: messageID), id, \(bind: channelID) FROM members WHERE id = \(bind: member)
                """
            ).run()
        }
    }

    private static func file(_ row: any SQLRow) throws -> MessageFile {
        MessageFile(
            id: try row.int64("id"), messageID: try row.int64("message_id"),
            file: StoredFile(
                filename: try row.string("filename"), kind: try row.enumValue("kind", as: FileKind.self), size: Int(try row.int64("size")),
                storedName: try row.string("stored_name"))
        )
    }

    static func message(_ row: any SQLRow) throws -> Message {
        let root = try row.optionalInt64("thread_root_id")
        return Message(
            id: try row.int64("id"), channelID: try row.int64("channel_id"), authorID: try row.optionalInt64("author_id"),
            authorName: try row.string("author_name"), authorIcon: try row.string("author_icon"), body: try row.string("body"), threadRootID: root,
            alsoInChannel: try root != nil && row.int64("in_timeline") != 0, replyCount: Int(try row.int64("reply_count")),
            lastReplyAt: try row.optionalDate("last_reply_at"), createdAt: try row.date("created_at"),
            editedAt: try row.optionalDate("edited_at"), deletedAt: try row.optionalDate("deleted_at")
        )
    }
}
