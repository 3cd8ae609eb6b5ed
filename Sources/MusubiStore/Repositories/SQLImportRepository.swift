import Foundation
import MusubiCore
import SQLKit

struct SQLImportRepository: ImportRepository {
    let db: any SQLDatabase

    func members(importKeys: [String]) async throws -> [String: Int64] {
        var found: [String: Int64] = [:]
        for chunk in importKeys.chunked(by: 500) {
            let keys = chunk.map { $0 as any Encodable & Sendable }
            for row in try await db.raw("SELECT id, import_key FROM members WHERE import_key IN (\(binds: keys))").all() {
                found[try row.string("import_key")] = try row.int64("id")
            }
        }
        return found
    }

    func setImportKey(_ key: String, ofMember id: Int64) async throws {
        try await db.raw("UPDATE members SET import_key = \(bind: key) WHERE id = \(bind: id) AND import_key IS NULL").run()
    }

    func channel(importKey: String) async throws -> ExchangeChannel? {
        try await db.raw("SELECT * FROM channels WHERE import_key = \(bind: importKey)").first().map(SQLChannelRepository.channel)
    }

    func setImportKey(_ key: String, ofChannel id: Int64) async throws {
        try await db.raw("UPDATE channels SET import_key = \(bind: key) WHERE id = \(bind: id) AND import_key IS NULL").run()
    }

    func messages(in channelIDs: [Int64]) async throws -> [ImportedMessage.Key: ImportedMessage.Found] {
        var found: [ImportedMessage.Key: ImportedMessage.Found] = [:]
        for chunk in channelIDs.chunked(by: 500) {
            let rows = try await db.raw(
                "SELECT id, channel_id, import_key, edited_at, deleted_at FROM messages WHERE import_key IS NOT NULL AND "
                    + inList("channel_id", Array(chunk))
            ).all()
            for row in rows {
                let key = ImportedMessage.Key(channelID: try row.int64("channel_id"), importKey: try row.string("import_key"))
                found[key] = ImportedMessage.Found(
                    id: try row.int64("id"), editedAt: try row.optionalDate("edited_at"), deleted: try row.optionalInt64("deleted_at") != nil)
            }
        }
        return found
    }

    func newestMessageIDs(in channelIDs: [Int64]) async throws -> [Int64: Int64] {
        var newest = Dictionary(uniqueKeysWithValues: channelIDs.map { ($0, Int64(0)) })
        for chunk in channelIDs.chunked(by: 500) {
            let rows = try await db.raw(
                "SELECT channel_id, MAX(id) AS newest FROM messages WHERE " + inList("channel_id", Array(chunk)) + " GROUP BY channel_id"
            ).all()
            for row in rows { newest[try row.int64("channel_id")] = try row.int64("newest") }
        }
        return newest
    }

    func insert(_ messages: [ImportedMessage]) async throws -> [Int64] {
        guard !messages.isEmpty else { return [] }
        let ids = try await newMessageIDs(messages.count)
        let mentioned = messages.map { MessageText.mentions(in: $0.body) }
        // Four bound values a row (the numbers are written in): within both databases' limits.
        for chunk in Array(messages.indices).chunked(by: 1_000) {
            let values: [SQLQueryString] = chunk.map { index in
                let (m, mentionsChannel) = (messages[index], mentioned[index].channel)
                let root: Int64? =
                    switch m.threadRoot {
                    case .stored(let id): id
                    case .earlierInBatch(let place): ids[place]
                    case nil: nil
                    }
                return """
                    (\(integer: ids[index]), \(integer: m.channelID), \(integer: m.authorID), \(bind: m.authorName), \(bind: m.authorIcon), \(bind: m.body),
                     \(integer: root), \(integer: root == nil || m.alsoInChannel ? 1 : 0), \(integer: mentionsChannel ? 1 : 0), \(integer: m.createdAt.epochMilliseconds),
                     \(integer: m.editedAt?.epochMilliseconds), \(integer: m.deleted ? m.createdAt.epochMilliseconds : nil), \(bind: m.importKey))
                    """
            }
            try await db.raw(
                """
                INSERT INTO messages (id, channel_id, author_id, author_name, author_icon, body, thread_root_id, in_timeline, mentions_channel,
                  created_at, edited_at, deleted_at, import_key) VALUES
                """ + " " + values.joined(separator: ", ")
            ).run()
        }
        var mentions: [SQLQueryString] = []
        var reactions: [SQLQueryString] = []
        var files: [SQLQueryString] = []
        for (index, message) in messages.enumerated() {
            for person in mentioned[index].people.sorted() {
                mentions.append("(\(integer: ids[index]), \(integer: person), \(integer: message.channelID))")
            }
            // When each reaction came is not known; a millisecond apart keeps them in the order given.
            for (order, reaction) in message.reactions.enumerated() {
                for person in reaction.memberIDs {
                    reactions.append(
                        "(\(integer: ids[index]), \(integer: person), \(bind: reaction.emoji), \(integer: message.createdAt.epochMilliseconds + Int64(order)))"
                    )
                }
            }
            for file in message.files {
                files.append(
                    "(\(integer: ids[index]), \(bind: file.filename), \(bind: file.kind.rawValue), \(integer: Int64(file.size)), \(bind: file.storedName))"
                )
            }
        }
        for chunk in mentions.chunked(by: 1_000) {
            try await db.raw("INSERT INTO message_mentions (message_id, member_id, channel_id) VALUES " + chunk.joined(separator: ", ")).run()
        }
        for chunk in reactions.chunked(by: 1_000) {
            try await db.raw(
                "INSERT INTO message_reactions (message_id, member_id, emoji, at) VALUES " + chunk.joined(separator: ", ") + " ON CONFLICT DO NOTHING"
            ).run()
        }
        for chunk in files.chunked(by: 1_000) {
            try await db.raw("INSERT INTO message_files (message_id, filename, kind, size, stored_name) VALUES " + chunk.joined(separator: ", "))
                .run()
        }
        return ids
    }

    /// Ids for this many new messages, increasing, so that a reply can name its thread's
    /// first message in the same batch. PostgreSQL gives them from the column's sequence, as
    /// for a post; SQLite has one writer, whose transaction this is: the ones after the
    /// highest.
    private func newMessageIDs(_ count: Int) async throws -> [Int64] {
        if db.isPostgres {
            let rows = try await db.raw("SELECT nextval(pg_get_serial_sequence('messages', 'id')) AS id FROM generate_series(1, \(literal: count))")
                .all()
            return try rows.map { try $0.int64("id") }.sorted()
        }
        let highest = try await db.raw("SELECT COALESCE(MAX(id), 0) AS id FROM messages").first().map { try $0.int64("id") } ?? 0
        return (1...Int64(count)).map { highest + $0 }
    }

    func index(_ messages: [(id: Int64, indexed: String)]) async throws {
        try await SQLMessageSearch(db: db).index(messages.map { ($0.id, $0.indexed) })
    }

    func settle(threadRoots: [Int64], channels: [ImportedChannelActivity]) async throws {
        for chunk in threadRoots.sorted().chunked(by: 500) {
            try await db.raw(
                """
                UPDATE messages SET
                  reply_count = (SELECT COUNT(*) FROM messages r WHERE r.thread_root_id = messages.id),
                  last_reply_at = (SELECT MAX(r.created_at) FROM messages r WHERE r.thread_root_id = messages.id)
                WHERE
                """ + " " + inList("id", Array(chunk))
            ).run()
        }
        for channel in channels.sorted(by: { $0.channelID < $1.channelID }) {
            let newestAt = channel.newestImportedAt.epochMilliseconds
            try await db.raw(
                """
                UPDATE channels SET last_message_at = \(bind: newestAt)
                WHERE id = \(bind: channel.channelID) AND (last_message_at IS NULL OR last_message_at < \(bind: newestAt))
                """
            ).run()
            // Never backwards: on PostgreSQL someone may have read a post made during the import.
            let readThrough = max(channel.newestBefore, channel.newestImportedID)
            try await db.raw(
                """
                UPDATE channel_members SET last_read_id = CASE WHEN last_read_id < \(bind: readThrough) THEN \(bind: readThrough) ELSE last_read_id END
                WHERE channel_id = \(bind: channel.channelID) AND last_read_id >= \(bind: channel.newestBefore)
                """
            ).run()
        }
    }
}
