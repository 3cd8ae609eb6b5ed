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

    func channel(importKey: String) async throws -> Channel? {
        try await db.raw("SELECT * FROM channels WHERE import_key = \(bind: importKey)").first().map(SQLChannelRepository.channel)
    }

    func setImportKey(_ key: String, ofChannel id: Int64) async throws {
        try await db.raw("UPDATE channels SET import_key = \(bind: key) WHERE id = \(bind: id) AND import_key IS NULL").run()
    }

    func messageIDs(in channelIDs: [Int64]) async throws -> [ImportedMessage.Key: Int64] {
        var found: [ImportedMessage.Key: Int64] = [:]
        for chunk in channelIDs.chunked(by: 500) {
            let rows = try await db.raw("SELECT id, channel_id, import_key FROM messages WHERE import_key IS NOT NULL AND " + inList("channel_id", Array(chunk))).all()
            for row in rows {
                found[ImportedMessage.Key(channelID: try row.int64("channel_id"), importKey: try row.string("import_key"))] = try row.int64("id")
            }
        }
        return found
    }

    func newestMessageIDs(in channelIDs: [Int64]) async throws -> [Int64: Int64] {
        var newest = Dictionary(uniqueKeysWithValues: channelIDs.map { ($0, Int64(0)) })
        for chunk in channelIDs.chunked(by: 500) {
            let rows = try await db.raw("SELECT channel_id, MAX(id) AS newest FROM messages WHERE " + inList("channel_id", Array(chunk)) + " GROUP BY channel_id").all()
            for row in rows { newest[try row.int64("channel_id")] = try row.int64("newest") }
        }
        return newest
    }

    func insert(_ messages: [ImportedMessage]) async throws -> [ImportedMessage.Key: Int64] {
        var ids: [ImportedMessage.Key: Int64] = [:]
        let mentioned = messages.map { MessageText.mentions(in: $0.body) }
        for chunk in messages.chunked(by: 500) {
            let values: [SQLQueryString] = chunk.indices.map { index in
                let (m, mentionsChannel) = (messages[index], mentioned[index].channel)
                return """
                    (\(bind: m.channelID), \(bind: m.authorID), \(bind: m.authorName), \(bind: m.authorIcon), \(bind: m.body), \(bind: m.threadRootID),
                     \(bind: m.threadRootID == nil || m.alsoInChannel ? 1 : 0), \(bind: mentionsChannel ? 1 : 0), \(bind: m.createdAt.epochMilliseconds),
                     \(bind: m.editedAt?.epochMilliseconds), \(bind: m.deleted ? m.createdAt.epochMilliseconds : nil), \(bind: m.importKey))
                    """
            }
            let rows = try await db.raw("""
                INSERT INTO messages (channel_id, author_id, author_name, author_icon, body, thread_root_id, in_timeline, mentions_channel,
                  created_at, edited_at, deleted_at, import_key) VALUES
                """ + " " + values.joined(separator: ", ") + " RETURNING id, channel_id, import_key").all()
            for row in rows {
                ids[ImportedMessage.Key(channelID: try row.int64("channel_id"), importKey: try row.string("import_key"))] = try row.int64("id")
            }
        }
        var mentions: [SQLQueryString] = []
        var reactions: [SQLQueryString] = []
        for (message, mentioned) in zip(messages, mentioned) {
            guard let id = ids[ImportedMessage.Key(channelID: message.channelID, importKey: message.importKey)] else {
                throw StoreError.missingRow("imported message")
            }
            for person in mentioned.people.sorted() {
                mentions.append("(\(bind: id), \(bind: person), \(bind: message.channelID))")
            }
            // When each reaction came is not known; a millisecond apart keeps them in the order given.
            for (order, reaction) in message.reactions.enumerated() {
                for person in reaction.memberIDs {
                    reactions.append("(\(bind: id), \(bind: person), \(bind: reaction.emoji), \(bind: message.createdAt.epochMilliseconds + Int64(order)))")
                }
            }
        }
        for chunk in mentions.chunked(by: 1_000) {
            try await db.raw("INSERT INTO message_mentions (message_id, member_id, channel_id) VALUES " + chunk.joined(separator: ", ")).run()
        }
        for chunk in reactions.chunked(by: 1_000) {
            try await db.raw("INSERT INTO message_reactions (message_id, member_id, emoji, at) VALUES " + chunk.joined(separator: ", ") + " ON CONFLICT DO NOTHING").run()
        }
        return ids
    }

    func index(_ messages: [(id: Int64, tokens: [String])]) async throws {
        try await SQLMessageSearch(db: db).index(tokens: messages.map { ($0.id, $0.tokens) })
    }

    func settle(newestBefore: [Int64: Int64]) async throws {
        for (channelID, before) in newestBefore.sorted(by: { $0.key < $1.key }) {
            try await db.raw("""
                UPDATE messages SET
                  reply_count = (SELECT COUNT(*) FROM messages r WHERE r.thread_root_id = messages.id),
                  last_reply_at = (SELECT MAX(r.created_at) FROM messages r WHERE r.thread_root_id = messages.id)
                WHERE id IN (SELECT thread_root_id FROM messages WHERE channel_id = \(bind: channelID) AND id > \(bind: before) AND thread_root_id IS NOT NULL)
                """).run()
            try await db.raw("""
                UPDATE channels SET last_message_at = (SELECT MAX(created_at) FROM messages WHERE channel_id = \(bind: channelID)) WHERE id = \(bind: channelID)
                """).run()
            try await db.raw("""
                UPDATE channel_members SET last_read_id = (SELECT COALESCE(MAX(id), 0) FROM messages WHERE channel_id = \(bind: channelID))
                WHERE channel_id = \(bind: channelID) AND last_read_id >= \(bind: before)
                """).run()
        }
    }
}
