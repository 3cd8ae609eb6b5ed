import Foundation
import MusubiCore
import SQLKit

struct SQLSuggestionPinRepository: SuggestionPinRepository {
    let db: any SQLDatabase

    func insert(memberID: Int64, subject: MatchSubject, note: String, by: Int64?, at: Date) async throws -> SuggestionPin {
        let (kind, subjectID) = Self.columns(subject)
        // The unique key decides, so that two coordinators pinning at once get one pin and a conflict.
        guard
            let row = try await db.raw(
                """
                INSERT INTO suggestion_pins (member_id, subject_kind, subject_id, note, pinned_by, pinned_at)
                VALUES (\(bind: memberID), \(bind: kind), \(bind: subjectID), \(bind: note), \(bind: by), \(bind: at.epochMilliseconds))
                ON CONFLICT (member_id, subject_kind, subject_id) DO NOTHING RETURNING id
                """
            ).first()
        else { throw MusubiError.conflict("error.already_pinned") }
        return SuggestionPin(id: try row.int64("id"), memberID: memberID, subject: subject, note: note, pinnedBy: by, pinnedAt: at)
    }

    func find(id: Int64) async throws -> SuggestionPin? {
        try await db.raw("SELECT * FROM suggestion_pins WHERE id = \(bind: id)").first().map(Self.pin)
    }

    func delete(id: Int64) async throws -> Bool {
        try await db.raw("DELETE FROM suggestion_pins WHERE id = \(bind: id) RETURNING id").first() != nil
    }

    func pinned(for memberID: Int64) async throws -> [SuggestionPin] {
        try await db.raw("SELECT * FROM suggestion_pins WHERE member_id = \(bind: memberID) ORDER BY pinned_at DESC, id DESC").all().map(Self.pin)
    }

    func all() async throws -> [SuggestionPin] {
        try await db.raw("SELECT * FROM suggestion_pins ORDER BY pinned_at DESC, id DESC").all().map(Self.pin)
    }

    private static func columns(_ subject: MatchSubject) -> (String, Int64) {
        switch subject {
        case .listing(let id): ("listing", id)
        case .person(let id): ("person", id)
        }
    }

    private static func pin(_ row: any SQLRow) throws -> SuggestionPin {
        let subjectID = try row.int64("subject_id")
        let subject: MatchSubject
        switch try row.string("subject_kind") {
        case "listing": subject = .listing(subjectID)
        case "person": subject = .person(subjectID)
        case let other: throw StoreError.corruptValue(column: "subject_kind", value: other)
        }
        return SuggestionPin(
            id: try row.int64("id"), memberID: try row.int64("member_id"), subject: subject, note: try row.string("note"),
            pinnedBy: try row.optionalInt64("pinned_by"), pinnedAt: try row.date("pinned_at")
        )
    }
}

struct SQLCandidateViewRepository: CandidateViewRepository {
    let db: any SQLDatabase

    func record(listingID: Int64, viewerID: Int64, at: Date, unlessSince: Date) async throws {
        try await db.raw(
            """
            INSERT INTO candidate_views (listing_id, viewer_id, at)
            SELECT \(bind: listingID), \(bind: viewerID), \(bind: at.epochMilliseconds)
            WHERE NOT EXISTS (SELECT 1 FROM candidate_views WHERE listing_id = \(bind: listingID) AND viewer_id = \(bind: viewerID)
              AND at > \(bind: unlessSince.epochMilliseconds))
            """
        ).run()
    }

    func counts(in period: DateInterval?) async throws -> [Int64: Int] {
        let within: SQLQueryString =
            period.map { " WHERE at >= \(bind: $0.start.epochMilliseconds) AND at < \(bind: $0.end.epochMilliseconds)" } ?? ""
        let rows = try await db.raw("SELECT listing_id, COUNT(*) AS n FROM candidate_views\(within) GROUP BY listing_id").all()
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.int64("listing_id"), Int(try $0.int64("n"))) })
    }
}
