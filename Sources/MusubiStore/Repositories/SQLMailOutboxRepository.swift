import Foundation
import MusubiCore
import SQLKit

struct SQLMailOutboxRepository: MailOutboxRepository {
    let db: any SQLDatabase

    func enqueue(_ letter: Letter, kind: String, at: Date) async throws -> Int64 {
        let text = try Self.text(letter)
        return try await db.insertReturningID(
            """
            INSERT INTO mail_outbox (kind, mail, status, attempts, next_attempt_at, last_error, created_at)
            VALUES (\(bind: kind), \(bind: text), 'queued', 0, \(bind: at.epochMilliseconds), '', \(bind: at.epochMilliseconds))
            """)
    }

    func due(at: Date, limit: Int) async throws -> [OutboxMail] {
        try await db.raw(
            """
            SELECT * FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= \(bind: at.epochMilliseconds)
            ORDER BY next_attempt_at, id LIMIT \(bind: limit)
            """
        ).all().map(Self.mail)
    }

    func find(id: Int64) async throws -> OutboxMail? {
        try await db.raw("SELECT * FROM mail_outbox WHERE id = \(bind: id)").first().map(Self.mail)
    }

    func list(status: OutboxMail.Status?, page: PageRequest) async throws -> Page<OutboxMail> {
        let filter: SQLQueryString = status.map { "WHERE status = \(bind: $0.rawValue)" } ?? ""
        let total = try await db.count("SELECT COUNT(*) AS n FROM mail_outbox \(filter)")
        let rows = try await db.raw("SELECT * FROM mail_outbox \(filter) ORDER BY id DESC LIMIT \(bind: page.size) OFFSET \(bind: page.offset)").all()
        return Page(items: try rows.map(Self.mail), total: total, request: page)
    }

    func recordOpen(messageKey: String, kind: String, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO mail_opens (message_key, kind, opened_at) VALUES (\(bind: messageKey), \(bind: kind), \(bind: at.epochMilliseconds))
            ON CONFLICT (message_key) DO NOTHING
            """
        ).run()
    }

    func opens(in span: DateInterval) async throws -> [(kind: String, at: Date)] {
        try await db.raw(
            """
            SELECT kind, opened_at FROM mail_opens WHERE opened_at >= \(bind: span.start.epochMilliseconds) AND opened_at < \(bind: span.end.epochMilliseconds)
            """
        ).all().map { (try $0.string("kind"), try $0.date("opened_at")) }
    }

    func counts() async throws -> [OutboxMail.Status: Int] {
        var counts: [OutboxMail.Status: Int] = [:]
        for row in try await db.raw("SELECT status, COUNT(*) AS n FROM mail_outbox GROUP BY status").all() {
            if let status = OutboxMail.Status(rawValue: try row.string("status")) { counts[status] = try row.decode(column: "n", as: Int.self) }
        }
        return counts
    }

    func retry(id: Int64, at: Date) async throws -> Bool {
        let rows = try await db.raw(
            "UPDATE mail_outbox SET status = 'queued', next_attempt_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id) AND status = 'failed' RETURNING id"
        ).all()
        return !rows.isEmpty
    }

    func markSent(id: Int64, attempts: Int, at: Date, keeping letter: Letter) async throws {
        try await db.raw(
            """
            UPDATE mail_outbox SET status = 'sent', attempts = \(bind: attempts), sent_at = \(bind: at.epochMilliseconds), last_error = '',
              mail = \(bind: try Self.text(letter)) WHERE id = \(bind: id)
            """
        ).run()
    }

    static func text(_ letter: Letter) throws -> String {
        String(decoding: try JSONEncoder().encode(letter), as: UTF8.self)
    }

    func markRetry(id: Int64, attempts: Int, next: Date, error: String) async throws {
        try await db.raw(
            """
            UPDATE mail_outbox SET attempts = \(bind: attempts), next_attempt_at = \(bind: next.epochMilliseconds), last_error = \(bind: error)
            WHERE id = \(bind: id)
            """
        ).run()
    }

    func markFailed(id: Int64, attempts: Int, error: String) async throws {
        try await db.raw(
            "UPDATE mail_outbox SET status = 'failed', attempts = \(bind: attempts), last_error = \(bind: error) WHERE id = \(bind: id)"
        ).run()
    }

    static func mail(_ row: any SQLRow) throws -> OutboxMail {
        OutboxMail(
            id: try row.int64("id"), kind: try row.string("kind"),
            letter: try JSONDecoder().decode(Letter.self, from: Data(try row.string("mail").utf8)),
            status: OutboxMail.Status(rawValue: try row.string("status")) ?? .failed, attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try row.date("next_attempt_at"), lastError: try row.string("last_error"), createdAt: try row.date("created_at"),
            sentAt: try row.optionalDate("sent_at"))
    }
}
