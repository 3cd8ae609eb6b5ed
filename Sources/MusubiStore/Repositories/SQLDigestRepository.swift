import Foundation
import MusubiCore
import SQLKit

struct SQLDigestRepository: DigestRepository {
    let db: any SQLDatabase

    func round(week: String) async throws -> DigestRound? {
        try await db.raw("SELECT * FROM digest_rounds WHERE week = \(bind: week)").first().map { row in
            DigestRound(
                week: try row.string("week"), startedAt: try row.date("started_at"), lastMemberID: try row.int64("last_member_id"),
                composed: try row.decode(column: "composed", as: Int.self), mailed: try row.decode(column: "mailed", as: Int.self),
                finishedAt: try row.optionalDate("finished_at"))
        }
    }

    func begin(week: String, at: Date) async throws -> DigestRound {
        try await db.raw(
            "INSERT INTO digest_rounds (week, started_at) VALUES (\(bind: week), \(bind: at.epochMilliseconds)) ON CONFLICT (week) DO NOTHING"
        ).run()
        guard let round = try await round(week: week) else { throw MusubiError.notFound }
        return round
    }

    func advance(week: String, from: Int64, to: Int64, composed: Int, mailed: Int) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE digest_rounds SET last_member_id = \(bind: to), composed = composed + \(bind: composed), mailed = mailed + \(bind: mailed)
            WHERE week = \(bind: week) AND last_member_id = \(bind: from) RETURNING week
            """
        ).all().isEmpty
    }

    func finish(week: String, at: Date) async throws {
        try await db.raw("UPDATE digest_rounds SET finished_at = \(bind: at.epochMilliseconds) WHERE week = \(bind: week)").run()
    }
}
