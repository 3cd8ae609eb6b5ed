import Foundation
import MusubiCore
import SQLKit

struct SQLWebhookRepository: WebhookRepository {
    let db: any SQLDatabase

    func insert(channelID: Int64, name: String, secretDigest: String, by: Int64?, at: Date) async throws -> Webhook {
        let id = try await db.insertReturningID(
            """
            INSERT INTO webhooks (channel_id, name, secret_digest, created_by, created_at)
            VALUES (\(bind: channelID), \(bind: name), \(bind: secretDigest), \(bind: by), \(bind: at.epochMilliseconds))
            """)
        return Webhook(id: id, channelID: channelID, name: name, createdBy: by, createdAt: at)
    }

    func find(secretDigest: String) async throws -> Webhook? {
        try await db.raw("SELECT * FROM webhooks WHERE secret_digest = \(bind: secretDigest)").first().map(Self.webhook)
    }

    func of(channelID: Int64) async throws -> [Webhook] {
        try await db.raw("SELECT * FROM webhooks WHERE channel_id = \(bind: channelID) ORDER BY id DESC").all().map(Self.webhook)
    }

    func revoke(id: Int64, channelID: Int64, at: Date) async throws -> Bool {
        try await db.raw(
            """
            UPDATE webhooks SET revoked_at = \(bind: at.epochMilliseconds)
            WHERE id = \(bind: id) AND channel_id = \(bind: channelID) AND revoked_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    func markUsed(id: Int64, at: Date) async throws {
        try await db.raw("UPDATE webhooks SET last_used_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id)").run()
    }

    private static func webhook(_ row: any SQLRow) throws -> Webhook {
        Webhook(
            id: try row.int64("id"), channelID: try row.int64("channel_id"), name: try row.string("name"),
            createdBy: try row.optionalInt64("created_by"),
            createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"), revokedAt: try row.optionalDate("revoked_at")
        )
    }
}
