import Foundation
import MusubiCore
import SQLKit

struct SQLDashboardRepository: DashboardRepository {
    let db: any SQLDatabase

    func messages(in span: DateInterval) async throws -> [MessageActivity] {
        try await db.raw(
            """
            SELECT m.created_at, m.author_id, m.reply_count, c.kind FROM messages m JOIN channels c ON c.id = m.channel_id
            WHERE m.created_at >= \(bind: span.start.epochMilliseconds) AND m.created_at < \(bind: span.end.epochMilliseconds)
              AND m.deleted_at IS NULL
            """
        ).all().compactMap { row in
            guard let kind = ChannelKind(rawValue: try row.string("kind")) else { return nil }
            return MessageActivity(
                at: try row.date("created_at"), authorID: try row.optionalInt64("author_id"), channelKind: kind,
                repliedTo: try row.decode(column: "reply_count", as: Int.self) > 0)
        }
    }

    func reactions(in span: DateInterval) async throws -> [(at: Date, memberID: Int64)] {
        try await db.raw(
            "SELECT at, member_id FROM message_reactions WHERE at >= \(bind: span.start.epochMilliseconds) AND at < \(bind: span.end.epochMilliseconds)"
        ).all().map { (try $0.date("at"), try $0.int64("member_id")) }
    }

    func signIns(in span: DateInterval) async throws -> [(at: Date, memberID: Int64)] {
        try await db.raw(
            "SELECT at, member_id FROM sign_ins WHERE at >= \(bind: span.start.epochMilliseconds) AND at < \(bind: span.end.epochMilliseconds)"
        ).all().map { (try $0.date("at"), try $0.int64("member_id")) }
    }

    func target(_ fiscalYear: Int) async throws -> Int? {
        try await db.raw("SELECT participants FROM dashboard_targets WHERE fiscal_year = \(bind: fiscalYear)").first().map {
            try $0.decode(column: "participants", as: Int.self)
        }
    }

    func setTarget(_ fiscalYear: Int, participants: Int?) async throws {
        guard let participants else {
            try await db.raw("DELETE FROM dashboard_targets WHERE fiscal_year = \(bind: fiscalYear)").run()
            return
        }
        try await db.raw(
            """
            INSERT INTO dashboard_targets (fiscal_year, participants) VALUES (\(bind: fiscalYear), \(bind: participants))
            ON CONFLICT (fiscal_year) DO UPDATE SET participants = excluded.participants
            """
        ).run()
    }

    private static let publicKey = "dashboard_public"

    func isPublic() async throws -> Bool {
        try await db.raw("SELECT value FROM community_settings WHERE key = \(bind: Self.publicKey)").first().map { try $0.string("value") == "1" }
            ?? false
    }

    func setPublic(_ isPublic: Bool) async throws {
        try await db.raw(
            """
            INSERT INTO community_settings (key, value) VALUES (\(bind: Self.publicKey), \(bind: isPublic ? "1" : "0"))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """
        ).run()
    }
}
