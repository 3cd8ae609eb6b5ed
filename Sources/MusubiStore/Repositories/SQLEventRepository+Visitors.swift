import Foundation
import MusubiCore
import SQLKit

/// Visitors without an account, and their registrations.
extension SQLEventRepository {
    func saveVisitor(eventID: Int64, name: String, organization: String, email: String, keyDigest: String, at: Date) async throws -> Visitor {
        let key = email.lowercased()
        try await db.raw(
            """
            INSERT INTO event_visitors (event_id, name, organization, email, email_key, key_digest, created_at)
            VALUES (\(bind: eventID), \(bind: name), \(bind: organization), \(bind: email), \(bind: key), \(bind: keyDigest), \(bind: at.epochMilliseconds))
            ON CONFLICT (event_id, email_key) DO UPDATE SET name = excluded.name, organization = excluded.organization,
              email = excluded.email, key_digest = excluded.key_digest
            """
        ).run()
        guard let visitor = try await visitor(keyDigest: keyDigest) else { throw MusubiError.notFound }
        return visitor
    }

    func visitor(keyDigest: String) async throws -> Visitor? {
        try await db.raw("SELECT * FROM event_visitors WHERE key_digest = \(bind: keyDigest)").first().map { row in
            Visitor(
                id: try row.int64("id"), eventID: try row.int64("event_id"), name: try row.string("name"),
                organization: try row.string("organization"), email: try row.string("email"), createdAt: try row.date("created_at"),
                confirmedAt: try row.optionalDate("confirmed_at"))
        }
    }

    func confirmVisitor(id: Int64, at: Date) async throws {
        try await db.raw("UPDATE event_visitors SET confirmed_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id) AND confirmed_at IS NULL")
            .run()
    }

    func rekeyVisitor(id: Int64, keyDigest: String) async throws {
        try await db.raw("UPDATE event_visitors SET key_digest = \(bind: keyDigest) WHERE id = \(bind: id)").run()
    }

    func registration(visitorID: Int64) async throws -> Registration? {
        try await db.raw("SELECT * FROM event_registrations WHERE visitor_id = \(bind: visitorID)").first().map(Self.registration)
    }
}
