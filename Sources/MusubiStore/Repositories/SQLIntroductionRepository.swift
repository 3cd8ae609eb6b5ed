import Foundation
import MusubiCore
import SQLKit

struct SQLIntroductionRepository: IntroductionRepository {
    let db: any SQLDatabase

    func insert(requesterID: Int64, recipientID: Int64, listingID: Int64?, message: String, at: Date) async throws -> Introduction {
        let id = try await db.insertReturningID(
            """
            INSERT INTO introductions (requester_id, recipient_id, listing_id, message, status, coordinator_note, requested_at)
            VALUES (\(bind: requesterID), \(bind: recipientID), \(bind: listingID), \(bind: message),
              \(bind: IntroductionStatus.requested.rawValue), '', \(bind: at.epochMilliseconds))
            """)
        return Introduction(
            id: id, requesterID: requesterID, recipientID: recipientID, listingID: listingID, message: message, status: .requested, requestedAt: at)
    }

    func find(id: Int64) async throws -> Introduction? {
        try await db.raw("SELECT * FROM introductions WHERE id = \(bind: id)").first().map(Self.introduction)
    }

    func review(id: Int64, from: IntroductionStatus, to: IntroductionStatus, coordinatorID: Int64, note: String, at: Date) async throws -> Bool {
        try await db.raw(
            """
            UPDATE introductions SET status = \(bind: to.rawValue), coordinator_id = \(bind: coordinatorID),
              coordinator_note = \(bind: note), reviewed_at = \(bind: at.epochMilliseconds)
            WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING id
            """
        ).first() != nil
    }

    func answer(id: Int64, from: IntroductionStatus, to: IntroductionStatus, at: Date) async throws -> Bool {
        try await db.raw(
            """
            UPDATE introductions SET status = \(bind: to.rawValue), answered_at = \(bind: at.epochMilliseconds)
            WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING id
            """
        ).first() != nil
    }

    func search(_ query: IntroductionQuery) async throws -> Page<Introduction> {
        var conditions: [SQLQueryString] = []
        if let person = query.involving {
            let asRecipient: SQLQueryString =
                query.statusesForRecipient.isEmpty
                ? "1 = 0" : "recipient_id = \(bind: person) AND status IN (\(binds: query.statusesForRecipient.map(\.rawValue)))"
            conditions.append("(requester_id = \(bind: person) OR (" + asRecipient + "))")
        }
        if !query.statuses.isEmpty { conditions.append("status IN (\(binds: query.statuses.map(\.rawValue)))") }
        let filter = conditions.isEmpty ? "1 = 1" : conditions.conjunction()
        let total = try await db.count("SELECT COUNT(*) AS n FROM introductions WHERE " + filter)
        let rows = try await db.raw(
            "SELECT * FROM introductions WHERE " + filter
                + " ORDER BY requested_at DESC, id DESC LIMIT \(literal: query.page.size) OFFSET \(literal: query.page.offset)"
        ).all()
        return Page(items: try rows.map(Self.introduction), total: total, request: query.page)
    }

    func unsettledOrAccepted(requesterID: Int64, recipientID: Int64, listingID: Int64?) async throws -> Introduction? {
        let listing: SQLQueryString = listingID.map { "listing_id = \(bind: $0)" } ?? "listing_id IS NULL"
        let open = [IntroductionStatus.requested, .approved, .accepted].map(\.rawValue)
        return try await db.raw(
            """
            SELECT * FROM introductions WHERE requester_id = \(bind: requesterID) AND recipient_id = \(bind: recipientID)
              AND \(listing) AND status IN (\(binds: open)) ORDER BY id LIMIT 1
            """
        ).first().map(Self.introduction)
    }

    func insertOutcome(introductionID: Int64, kind: OutcomeKind, on: Date, note: String, recordedBy: Int64, at: Date) async throws
        -> IntroductionOutcome
    {
        let id = try await db.insertReturningID(
            """
            INSERT INTO introduction_outcomes (introduction_id, kind, happened_on, note, recorded_by, recorded_at)
            VALUES (\(bind: introductionID), \(bind: kind.rawValue), \(bind: on.epochMilliseconds), \(bind: note), \(bind: recordedBy), \(bind: at.epochMilliseconds))
            """)
        return IntroductionOutcome(id: id, introductionID: introductionID, kind: kind, on: on, note: note, recordedBy: recordedBy, recordedAt: at)
    }

    func outcomes(of introductionID: Int64) async throws -> [IntroductionOutcome] {
        try await db.raw("SELECT * FROM introduction_outcomes WHERE introduction_id = \(bind: introductionID) ORDER BY happened_on, id").all().map(
            Self.outcome)
    }

    func partners(of memberID: Int64) async throws -> Set<Int64> {
        let rows = try await db.raw(
            """
            SELECT recipient_id AS partner FROM introductions WHERE requester_id = \(bind: memberID)
            UNION SELECT requester_id AS partner FROM introductions WHERE recipient_id = \(bind: memberID)
            """
        ).all()
        return Set(try rows.map { try $0.int64("partner") })
    }

    func all() async throws -> [Introduction] {
        try await db.raw("SELECT * FROM introductions ORDER BY id").all().map(Self.introduction)
    }

    func allOutcomes() async throws -> [IntroductionOutcome] {
        try await db.raw("SELECT * FROM introduction_outcomes ORDER BY introduction_id, happened_on, id").all().map(Self.outcome)
    }

    func insertMessage(introductionID: Int64, authorID: Int64, body: String, at: Date) async throws -> IntroductionMessage {
        let id = try await db.insertReturningID(
            """
            INSERT INTO introduction_messages (introduction_id, author_id, body, at)
            VALUES (\(bind: introductionID), \(bind: authorID), \(bind: body), \(bind: at.epochMilliseconds))
            """)
        return IntroductionMessage(id: id, introductionID: introductionID, authorID: authorID, body: body, at: at)
    }

    func messages(of introductionID: Int64) async throws -> [IntroductionMessage] {
        try await db.raw("SELECT * FROM introduction_messages WHERE introduction_id = \(bind: introductionID) ORDER BY id").all().map { row in
            IntroductionMessage(
                id: try row.int64("id"), introductionID: try row.int64("introduction_id"), authorID: try row.int64("author_id"),
                body: try row.string("body"), at: try row.date("at")
            )
        }
    }

    private static func outcome(_ row: any SQLRow) throws -> IntroductionOutcome {
        IntroductionOutcome(
            id: try row.int64("id"), introductionID: try row.int64("introduction_id"), kind: try row.enumValue("kind", as: OutcomeKind.self),
            on: try row.date("happened_on"), note: try row.string("note"), recordedBy: try row.int64("recorded_by"),
            recordedAt: try row.date("recorded_at")
        )
    }

    private static func introduction(_ row: any SQLRow) throws -> Introduction {
        Introduction(
            id: try row.int64("id"), requesterID: try row.int64("requester_id"), recipientID: try row.int64("recipient_id"),
            listingID: try row.optionalInt64("listing_id"), message: try row.string("message"),
            status: try row.enumValue("status", as: IntroductionStatus.self), coordinatorID: try row.optionalInt64("coordinator_id"),
            coordinatorNote: try row.string("coordinator_note"), requestedAt: try row.date("requested_at"),
            reviewedAt: try row.optionalDate("reviewed_at"), answeredAt: try row.optionalDate("answered_at")
        )
    }
}
