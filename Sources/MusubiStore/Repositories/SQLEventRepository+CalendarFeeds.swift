import Foundation
import MusubiCore
import SQLKit

/// Members' private calendar feeds.
extension SQLEventRepository {
    func saveFeed(memberID: Int64, keyDigest: String, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO calendar_feeds (member_id, key_digest, created_at) VALUES (\(bind: memberID), \(bind: keyDigest), \(bind: at.epochMilliseconds))
            ON CONFLICT (member_id) DO UPDATE SET key_digest = excluded.key_digest, created_at = excluded.created_at
            """
        ).run()
    }

    func removeFeed(memberID: Int64) async throws {
        try await db.raw("DELETE FROM calendar_feeds WHERE member_id = \(bind: memberID)").run()
    }

    func hasFeed(memberID: Int64) async throws -> Bool {
        try await db.raw("SELECT 1 AS x FROM calendar_feeds WHERE member_id = \(bind: memberID)").first() != nil
    }

    func feedOwner(keyDigest: String) async throws -> Int64? {
        try await db.raw("SELECT member_id FROM calendar_feeds WHERE key_digest = \(bind: keyDigest)").first()?.int64("member_id")
    }

    func calendar(memberID: Int64, fieldIDs: [Int64], visibilities: [EventVisibility], since: Date, limit: Int) async throws -> [Event] {
        let rows = try await db.raw(
            """
            SELECT * FROM events WHERE ends_at >= \(bind: since.epochMilliseconds) AND (
              id IN (SELECT event_id FROM event_registrations WHERE member_id = \(bind: memberID) AND status <> 'cancelled')
              OR (visibility IN (\(binds: visibilities.map(\.rawValue))) AND id IN (SELECT event_id FROM event_fields WHERE
            """ + " " + inList("field_id", fieldIDs) + "))) ORDER BY starts_at, id LIMIT \(literal: limit)"
        ).all()
        return try await withHostsAndFields(try rows.map(Self.event))
    }
}
