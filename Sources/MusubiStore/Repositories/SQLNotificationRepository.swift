import Foundation
import MusubiCore
import SQLKit

struct SQLNotificationRepository: NotificationRepository {
    let db: any SQLDatabase

    func insert(_ notice: Notice, for memberIDs: [Int64], at: Date) async throws {
        let target = String(decoding: try JSONEncoder().encode(notice.target), as: UTF8.self)
        // In slices, so that a notice to a whole channel stays within any database's limit of
        // bound values.
        for slice in stride(from: 0, to: memberIDs.count, by: 500).map({ memberIDs[$0..<min($0 + 500, memberIDs.count)] }) {
            let rows = slice.map { memberID -> SQLQueryString in
                """
                (\(bind: memberID), \(bind: notice.kind.rawValue), \(bind: notice.step.rawValue), \(bind: notice.actorID), \(bind: notice.subject),
                 \(bind: notice.excerpt), \(bind: target), \(bind: at.epochMilliseconds))
                """
            }
            try await db.raw(
                """
                INSERT INTO notifications (member_id, kind, step, actor_id, subject, excerpt, target, created_at)
                VALUES \(rows.joined(separator: ", "))
                """
            ).run()
        }
    }

    func list(memberID: Int64, unreadOnly: Bool, page: PageRequest) async throws -> Page<MemberNotification> {
        let unread: SQLQueryString = unreadOnly ? " AND n.read_at IS NULL" : ""
        let total = try await db.count("SELECT COUNT(*) AS n FROM notifications n WHERE n.member_id = \(bind: memberID)\(unread)")
        let rows = try await db.raw(
            """
            SELECT n.*, COALESCE(a.name, '') AS actor_name FROM notifications n LEFT JOIN members a ON a.id = n.actor_id
            WHERE n.member_id = \(bind: memberID)\(unread) ORDER BY n.id DESC LIMIT \(bind: page.size) OFFSET \(bind: page.offset)
            """
        ).all()
        return Page(items: try rows.compactMap(Self.notification), total: total, request: page)
    }

    func unreadCount(memberID: Int64) async throws -> Int {
        try await db.count("SELECT COUNT(*) AS n FROM notifications WHERE member_id = \(bind: memberID) AND read_at IS NULL")
    }

    func markRead(memberID: Int64, ids: [Int64]?, at: Date) async throws -> Int {
        let which: SQLQueryString = ids.map { " AND " + inList("id", $0) } ?? ""
        return try await db.raw(
            """
            UPDATE notifications SET read_at = \(bind: at.epochMilliseconds)
            WHERE member_id = \(bind: memberID) AND read_at IS NULL\(which) RETURNING id
            """
        ).all().count
    }

    func preferences(memberID: Int64) async throws -> [NotificationKind: NotificationDelivery] {
        var result: [NotificationKind: NotificationDelivery] = [:]
        for row in try await db.raw("SELECT kind, delivery FROM notification_preferences WHERE member_id = \(bind: memberID)").all() {
            if let kind = NotificationKind(rawValue: try row.string("kind")),
                let delivery = NotificationDelivery(rawValue: try row.string("delivery"))
            {
                result[kind] = delivery
            }
        }
        return result
    }

    func setPreference(memberID: Int64, kind: NotificationKind, delivery: NotificationDelivery) async throws {
        try await db.raw(
            """
            INSERT INTO notification_preferences (member_id, kind, delivery) VALUES (\(bind: memberID), \(bind: kind.rawValue), \(bind: delivery.rawValue))
            ON CONFLICT (member_id, kind) DO UPDATE SET delivery = excluded.delivery
            """
        ).run()
    }

    func recipients(_ memberIDs: [Int64], kind: NotificationKind) async throws -> [NotificationRecipient] {
        guard !memberIDs.isEmpty else { return [] }
        let rows = try await db.raw(
            """
            SELECT m.id, m.name, m.email, m.status, p.delivery FROM members m
            LEFT JOIN notification_preferences p ON p.member_id = m.id AND p.kind = \(bind: kind.rawValue)
            WHERE \(inList("m.id", memberIDs)) ORDER BY m.id
            """
        ).all()
        return try rows.map { row in
            NotificationRecipient(
                memberID: try row.int64("id"), name: try row.string("name"), email: try row.string("email"),
                status: AccountStatus(rawValue: try row.string("status")) ?? .deactivated,
                delivery: try row.decode(column: "delivery", as: String?.self).flatMap(NotificationDelivery.init(rawValue:)) ?? kind.defaultDelivery)
        }
    }

    func allPreferences() async throws -> [Int64: [NotificationKind: NotificationDelivery]] {
        var result: [Int64: [NotificationKind: NotificationDelivery]] = [:]
        for row in try await db.raw("SELECT member_id, kind, delivery FROM notification_preferences").all() {
            if let kind = NotificationKind(rawValue: try row.string("kind")),
                let delivery = NotificationDelivery(rawValue: try row.string("delivery"))
            {
                result[try row.int64("member_id"), default: [:]][kind] = delivery
            }
        }
        return result
    }

    func unread(of memberIDs: [Int64], since: Date) async throws -> [Int64: [MemberNotification]] {
        guard !memberIDs.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT n.*, COALESCE(a.name, '') AS actor_name FROM notifications n LEFT JOIN members a ON a.id = n.actor_id
            WHERE \(inList("n.member_id", memberIDs)) AND n.read_at IS NULL AND n.created_at > \(bind: since.epochMilliseconds)
            ORDER BY n.id DESC
            """
        ).all()
        return Dictionary(grouping: try rows.compactMap(Self.notification), by: \.memberID)
    }

    /// The weekly digest's choice is kept beside the kinds', under its own name.
    private static let digestChoice = MailTopic.weeklyDigest.rawValue

    func wantsDigest(memberID: Int64) async throws -> Bool {
        try await db.raw(
            "SELECT delivery FROM notification_preferences WHERE member_id = \(bind: memberID) AND kind = \(bind: Self.digestChoice)"
        ).first().map { try $0.string("delivery") != NotificationDelivery.off.rawValue } ?? true
    }

    func setWantsDigest(memberID: Int64, _ wanted: Bool) async throws {
        let delivery = wanted ? NotificationDelivery.mail : .off
        try await db.raw(
            """
            INSERT INTO notification_preferences (member_id, kind, delivery) VALUES (\(bind: memberID), \(bind: Self.digestChoice), \(bind: delivery.rawValue))
            ON CONFLICT (member_id, kind) DO UPDATE SET delivery = excluded.delivery
            """
        ).run()
    }

    func digestRefusers() async throws -> Set<Int64> {
        Set(
            try await db.raw(
                "SELECT member_id FROM notification_preferences WHERE kind = \(bind: Self.digestChoice) AND delivery = \(bind: NotificationDelivery.off.rawValue)"
            ).all().map { try $0.int64("member_id") })
    }

    func staff() async throws -> [Int64] {
        try await db.raw("SELECT id FROM members WHERE status = 'active' AND role IN ('coordinator', 'admin') ORDER BY id").all().map {
            try $0.int64("id")
        }
    }

    /// A row as its reader sees it; a row this version cannot read (a step from a newer one)
    /// is left out rather than failing the whole list.
    static func notification(_ row: any SQLRow) throws -> MemberNotification? {
        guard let step = Notice.Step(rawValue: try row.string("step")),
            let target = try? JSONDecoder().decode(NotificationTarget.self, from: Data(try row.string("target").utf8))
        else { return nil }
        var notice = Notice(step: step, actorID: try row.optionalInt64("actor_id"), subject: "", target: target)
        (notice.subject, notice.excerpt) = (try row.string("subject"), try row.string("excerpt"))
        return MemberNotification(
            id: try row.int64("id"), memberID: try row.int64("member_id"), notice: notice, actorName: try row.string("actor_name"),
            createdAt: try row.date("created_at"), readAt: try row.optionalDate("read_at"))
    }
}
