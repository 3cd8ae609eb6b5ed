import Foundation
import MusubiCore
import SQLKit

struct SQLIdempotencyRepository: IdempotencyRepository {
    let db: any SQLDatabase

    func claim(memberID: Int64, key: String, request: String, at: Date, expiredBefore: Date) async throws -> IdempotencyClaim? {
        try await db.raw(
            "DELETE FROM idempotency_keys WHERE member_id = \(bind: memberID) AND request_key = \(bind: key) AND created_at < \(bind: expiredBefore.epochMilliseconds)"
        ).run()
        let claimed = try await db.raw(
            """
            INSERT INTO idempotency_keys (member_id, request_key, request, created_at)
            VALUES (\(bind: memberID), \(bind: key), \(bind: request), \(bind: at.epochMilliseconds))
            ON CONFLICT DO NOTHING RETURNING member_id
            """
        ).first()
        if claimed != nil { return nil }
        guard
            let row = try await db.raw(
                "SELECT request, answer FROM idempotency_keys WHERE member_id = \(bind: memberID) AND request_key = \(bind: key)"
            ).first()
        else { return nil }
        let answer = try row.decode(column: "answer", as: String?.self)
        return IdempotencyClaim(
            request: try row.string("request"),
            answer: try answer.map { try JSONDecoder().decode(IdempotentRequests.Answer.self, from: Data($0.utf8)) })
    }

    func complete(memberID: Int64, key: String, answer: IdempotentRequests.Answer) async throws {
        let text = String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
        try await db.raw("UPDATE idempotency_keys SET answer = \(bind: text) WHERE member_id = \(bind: memberID) AND request_key = \(bind: key)")
            .run()
    }

    func release(memberID: Int64, key: String) async throws {
        try await db.raw("DELETE FROM idempotency_keys WHERE member_id = \(bind: memberID) AND request_key = \(bind: key) AND answer IS NULL").run()
    }

    func deleteClaims(before: Date) async throws -> Int {
        try await db.raw("DELETE FROM idempotency_keys WHERE created_at < \(bind: before.epochMilliseconds) RETURNING member_id").all().count
    }
}
