import Foundation
import MusubiCore
import SQLKit

struct SQLChannelRepository: ChannelRepository {
    let db: any SQLDatabase

    func insert(_ draft: ChannelDraft, groupID: Int64?, directKey: String?, createdBy: Int64?, at: Date) async throws -> ExchangeChannel {
        let id = try await db.insertReturningID(
            """
            INSERT INTO channels (kind, purpose, name, topic, description, field_id, group_id, direct_key, created_by, created_at)
            VALUES (\(bind: draft.kind.rawValue), \(bind: draft.purpose.rawValue), \(bind: draft.name), \(bind: draft.topic),
              \(bind: draft.description), \(bind: draft.fieldID), \(bind: groupID), \(bind: directKey), \(bind: createdBy), \(bind: at.epochMilliseconds))
            """)
        return ExchangeChannel(
            id: id, kind: draft.kind, purpose: draft.purpose, name: draft.name, topic: draft.topic, description: draft.description,
            fieldID: draft.fieldID, groupID: groupID, createdBy: createdBy, createdAt: at)
    }

    func find(id: Int64) async throws -> ExchangeChannel? {
        try await db.raw("SELECT * FROM channels WHERE id = \(bind: id)").first().map(Self.channel)
    }

    func find(name: String) async throws -> ExchangeChannel? {
        try await db.raw("SELECT * FROM channels WHERE name = \(bind: name) AND kind = 'public'").first().map(Self.channel)
    }

    func find(directKey: String) async throws -> ExchangeChannel? {
        try await db.raw("SELECT * FROM channels WHERE direct_key = \(bind: directKey)").first().map(Self.channel)
    }

    func channel(ofGroup groupID: Int64) async throws -> ExchangeChannel? {
        try await db.raw("SELECT * FROM channels WHERE group_id = \(bind: groupID)").first().map(Self.channel)
    }

    func update(id: Int64, topic: String, description: String) async throws {
        try await db.raw("UPDATE channels SET topic = \(bind: topic), description = \(bind: description) WHERE id = \(bind: id)").run()
    }

    func setAnnouncement(id: Int64, _ isAnnouncement: Bool) async throws {
        try await db.raw("UPDATE channels SET announcement = \(bind: isAnnouncement ? 1 : 0) WHERE id = \(bind: id)").run()
    }

    func announcementChannels() async throws -> [Int64] {
        try await db.raw("SELECT id FROM channels WHERE announcement = 1 ORDER BY id").all().map { try $0.int64("id") }
    }

    func setRetention(id: Int64, days: Int?) async throws {
        try await db.raw("UPDATE channels SET retention_days = \(bind: days) WHERE id = \(bind: id)").run()
    }

    func withRetention() async throws -> [ExchangeChannel] {
        try await db.raw("SELECT * FROM channels WHERE retention_days IS NOT NULL ORDER BY id").all().map(Self.channel)
    }

    func browse(term: String, page: PageRequest) async throws -> Page<ChannelListing> {
        let filter: SQLQueryString =
            term.isEmpty ? "c.kind = 'public'" : "c.kind = 'public' AND c.name LIKE \(bind: containsPattern(term)) ESCAPE '\\'"
        let total = try await db.count("SELECT COUNT(*) AS n FROM channels c WHERE " + filter)
        let rows = try await db.raw(
            """
            SELECT c.*, (SELECT COUNT(*) FROM channel_members s WHERE s.channel_id = c.id) AS seated FROM channels c WHERE
            """ + " " + filter
                + " ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC LIMIT \(literal: page.size) OFFSET \(literal: page.offset)"
        ).all()
        let items = try rows.map { ChannelListing(channel: try Self.channel($0), memberCount: Int(try $0.int64("seated"))) }
        return Page(items: items, total: total, request: page)
    }

    func seat(channelID: Int64, memberID: Int64) async throws -> ChannelSeat? {
        try await db.raw("SELECT * FROM channel_members WHERE channel_id = \(bind: channelID) AND member_id = \(bind: memberID)").first().map(
            Self.seat)
    }

    func seats(of memberID: Int64) async throws -> [(channel: ExchangeChannel, seat: ChannelSeat)] {
        let rows = try await db.raw(
            """
            SELECT c.*, s.channel_id, s.member_id, s.joined_at, s.last_read_id, s.starred, s.muted, s.notify
            FROM channel_members s JOIN channels c ON c.id = s.channel_id WHERE s.member_id = \(bind: memberID) ORDER BY c.id
            """
        ).all()
        return try rows.map { (try Self.channel($0), try Self.seat($0)) }
    }

    func addSeat(channelID: Int64, memberID: Int64, at: Date) async throws -> Bool {
        try await db.raw(
            """
            INSERT INTO channel_members (channel_id, member_id, joined_at, last_read_id)
            VALUES (\(bind: channelID), \(bind: memberID), \(bind: at.epochMilliseconds),
              (SELECT COALESCE(MAX(id), 0) FROM messages WHERE channel_id = \(bind: channelID)))
            ON CONFLICT DO NOTHING RETURNING member_id
            """
        ).first() != nil
    }

    func removeSeat(channelID: Int64, memberID: Int64) async throws {
        try await db.raw("DELETE FROM channel_members WHERE channel_id = \(bind: channelID) AND member_id = \(bind: memberID)").run()
    }

    func updateSeat(_ seat: ChannelSeat) async throws {
        try await db.raw(
            """
            UPDATE channel_members SET starred = \(bind: seat.starred ? 1 : 0), muted = \(bind: seat.muted ? 1 : 0), notify = \(bind: seat.notify.rawValue)
            WHERE channel_id = \(bind: seat.channelID) AND member_id = \(bind: seat.memberID)
            """
        ).run()
    }

    func markRead(channelID: Int64, memberID: Int64, upTo messageID: Int64) async throws {
        try await db.raw(
            """
            UPDATE channel_members SET last_read_id = \(bind: messageID)
            WHERE channel_id = \(bind: channelID) AND member_id = \(bind: memberID) AND last_read_id < \(bind: messageID)
            """
        ).run()
    }

    func quietSeats(of channelID: Int64) async throws -> Set<Int64> {
        Set(
            try await db.raw("SELECT member_id FROM channel_members WHERE channel_id = \(bind: channelID) AND (muted <> 0 OR notify = 'none')").all()
                .map { try $0.int64("member_id") })
    }

    func seatedMembers(of channelID: Int64) async throws -> [Int64] {
        try await db.raw(
            """
            SELECT s.member_id FROM channel_members s JOIN members m ON m.id = s.member_id
            WHERE s.channel_id = \(bind: channelID) AND m.status = 'active' ORDER BY s.member_id
            """
        ).all().map { try $0.int64("member_id") }
    }

    /// Unread timeline messages by others, and unread messages (replies too) that name the
    /// person or the whole channel.
    func unread(of memberID: Int64) async throws -> [Int64: UnreadCount] {
        let rows = try await db.raw(
            """
            SELECT s.channel_id,
              SUM(CASE WHEN m.in_timeline = 1 AND (m.author_id IS NULL OR m.author_id <> \(bind: memberID)) THEN 1 ELSE 0 END) AS unread,
              SUM(CASE WHEN (m.mentions_channel = 1 OR EXISTS (SELECT 1 FROM message_mentions x WHERE x.message_id = m.id AND x.member_id = \(bind: memberID)))
                AND (m.author_id IS NULL OR m.author_id <> \(bind: memberID)) THEN 1 ELSE 0 END) AS mentioned
            FROM channel_members s JOIN messages m ON m.channel_id = s.channel_id AND m.id > s.last_read_id AND m.deleted_at IS NULL
            WHERE s.member_id = \(bind: memberID) GROUP BY s.channel_id
            """
        ).all()
        var result: [Int64: UnreadCount] = [:]
        for row in rows {
            let count = UnreadCount(messages: Int(try row.int64("unread")), mentions: Int(try row.int64("mentioned")))
            if count.messages > 0 || count.mentions > 0 { result[try row.int64("channel_id")] = count }
        }
        return result
    }

    static func channel(_ row: any SQLRow) throws -> ExchangeChannel {
        ExchangeChannel(
            id: try row.int64("id"), kind: try row.enumValue("kind", as: ChannelKind.self),
            purpose: try row.enumValue("purpose", as: ChannelPurpose.self),
            name: try row.string("name"), topic: try row.string("topic"), description: try row.string("description"),
            fieldID: try row.optionalInt64("field_id"), groupID: try row.optionalInt64("group_id"),
            retentionDays: try row.optionalInt64("retention_days").map(Int.init), isAnnouncement: try row.int64("announcement") != 0,
            createdBy: try row.optionalInt64("created_by"),
            createdAt: try row.date("created_at"), lastMessageAt: try row.optionalDate("last_message_at")
        )
    }

    private static func seat(_ row: any SQLRow) throws -> ChannelSeat {
        ChannelSeat(
            channelID: try row.int64("channel_id"), memberID: try row.int64("member_id"), joinedAt: try row.date("joined_at"),
            lastReadID: try row.int64("last_read_id"), starred: try row.int64("starred") != 0, muted: try row.int64("muted") != 0,
            notify: try row.enumValue("notify", as: NotifyLevel.self)
        )
    }
}
