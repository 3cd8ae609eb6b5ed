import Foundation
import MusubiCore
import SQLKit

/// Registrations: places and the waitlist, tickets, arrivals, and who is behind each.
extension SQLEventRepository {
    func lockForRegistration(eventID: Int64) async throws {
        guard db.isPostgres else { return }
        try await db.raw("SELECT id FROM events WHERE id = \(bind: eventID) FOR UPDATE").run()
    }

    func registration(eventID: Int64, memberID: Int64) async throws -> Registration? {
        try await db.raw("SELECT * FROM event_registrations WHERE event_id = \(bind: eventID) AND member_id = \(bind: memberID)").first()
            .map(Self.registration)
    }

    func counts(eventID: Int64) async throws -> RegistrationCounts {
        let rows = try await db.raw(
            """
            SELECT status, COUNT(*) AS n, SUM(CASE WHEN checked_in_at IS NULL THEN 0 ELSE 1 END) AS checked
            FROM event_registrations WHERE event_id = \(bind: eventID) GROUP BY status
            """
        ).all()
        var counts = RegistrationCounts()
        for row in rows {
            let n = Int(try row.int64("n"))
            switch try row.enumValue("status", as: RegistrationStatus.self) {
            case .registered:
                counts.registered = n
                counts.checkedIn = Int(try row.optionalInt64("checked") ?? 0)
            case .waitlisted: counts.waitlisted = n
            case .cancelled: break
            }
        }
        return counts
    }

    func insertRegistration(eventID: Int64, registrant: Registrant, status: RegistrationStatus, ticket: String, at: Date) async throws
        -> Registration
    {
        let (memberID, visitorID): (Int64?, Int64?) =
            switch registrant {
            case .member(let id): (id, nil)
            case .visitor(let id): (nil, id)
            }
        let id = try await db.insertReturningID(
            """
            INSERT INTO event_registrations (event_id, member_id, visitor_id, status, registered_at, changed_at, ticket)
            VALUES (\(bind: eventID), \(bind: memberID), \(bind: visitorID), \(bind: status.rawValue), \(bind: at.epochMilliseconds),
              \(bind: at.epochMilliseconds), \(bind: ticket))
            """)
        return Registration(id: id, eventID: eventID, registrant: registrant, status: status, registeredAt: at, ticket: ticket)
    }

    func setStatus(registrationID: Int64, to status: RegistrationStatus, at: Date) async throws {
        try await db.raw(
            "UPDATE event_registrations SET status = \(bind: status.rawValue), changed_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: registrationID)"
        ).run()
    }

    func renew(registrationID: Int64, as status: RegistrationStatus, at: Date) async throws {
        try await db.raw(
            """
            UPDATE event_registrations SET status = \(bind: status.rawValue), registered_at = \(bind: at.epochMilliseconds),
              changed_at = \(bind: at.epochMilliseconds), checked_in_at = NULL
            WHERE id = \(bind: registrationID)
            """
        ).run()
    }

    func firstWaiting(eventID: Int64) async throws -> Registration? {
        try await db.raw(
            """
            SELECT * FROM event_registrations WHERE event_id = \(bind: eventID) AND status = 'waitlisted'
            ORDER BY registered_at, id LIMIT 1
            """
        ).first().map(Self.registration)
    }

    func registrations(eventID: Int64) async throws -> [Registration] {
        try await db.raw("SELECT * FROM event_registrations WHERE event_id = \(bind: eventID) ORDER BY registered_at, id").all()
            .map(Self.registration)
    }

    func registrations(eventID: Int64, fromOrganization organizationID: Int64) async throws -> Int {
        try await db.count(
            """
            SELECT COUNT(*) AS n FROM event_registrations r JOIN members m ON m.id = r.member_id
            WHERE r.event_id = \(bind: eventID) AND r.status <> 'cancelled' AND m.organization_id = \(bind: organizationID)
            """)
    }

    func registrations(eventID: Int64, fromOrganizationNamed name: String) async throws -> Int {
        try await db.count(
            """
            SELECT COUNT(*) AS n FROM event_registrations r JOIN event_visitors v ON v.id = r.visitor_id
            WHERE r.event_id = \(bind: eventID) AND r.status <> 'cancelled' AND v.organization = \(bind: name)
            """)
    }

    func registration(ticket: String) async throws -> Registration? {
        try await db.raw("SELECT * FROM event_registrations WHERE ticket = \(bind: ticket)").first().map(Self.registration)
    }

    func attendees(eventID: Int64) async throws -> [Attendee] {
        try await db.raw(
            Self.attendeeQuery + " WHERE r.event_id = \(bind: eventID) AND r.status <> 'cancelled' ORDER BY person_kana, person_name, r.id"
        ).all()
            .map(Self.attendee)
    }

    func attendee(registrationID: Int64) async throws -> Attendee? {
        try await db.raw(Self.attendeeQuery + " WHERE r.id = \(bind: registrationID)").first().map(Self.attendee)
    }

    func checkIn(registrationID: Int64, at: Date?) async throws {
        let arrived: SQLQueryString = at == nil ? "" : ", status = 'registered'"
        try await db.raw(
            "UPDATE event_registrations SET checked_in_at = \(bind: at?.epochMilliseconds)" + arrived + " WHERE id = \(bind: registrationID)"
        ).run()
    }

    /// Members with their organisation, or visitors with the organisation they gave.
    static var attendeeQuery: SQLQueryString {
        """
        SELECT r.*, COALESCE(m.name, v.name) AS person_name, COALESCE(m.name_kana, '') AS person_kana,
          COALESCE(m.email, v.email) AS person_email, COALESCE(o.name, v.organization, '') AS organization_name,
          o.sector AS organization_sector
        FROM event_registrations r LEFT JOIN members m ON m.id = r.member_id LEFT JOIN organizations o ON o.id = m.organization_id
          LEFT JOIN event_visitors v ON v.id = r.visitor_id
        """
    }

    static func attendee(_ row: any SQLRow) throws -> Attendee {
        Attendee(
            registration: try registration(row), name: try row.string("person_name"), nameKana: try row.string("person_kana"),
            email: try row.string("person_email"), organizationName: try row.string("organization_name"),
            sector: try row.decode(column: "organization_sector", as: String?.self).flatMap(Sector.init(rawValue:)))
    }

    static func registration(_ row: any SQLRow) throws -> Registration {
        Registration(
            id: try row.int64("id"), eventID: try row.int64("event_id"),
            registrant: try row.optionalInt64("member_id").map(Registrant.member) ?? .visitor(try row.int64("visitor_id")),
            status: try row.enumValue("status", as: RegistrationStatus.self), registeredAt: try row.date("registered_at"),
            checkedInAt: try row.optionalDate("checked_in_at"), ticket: try row.string("ticket"))
    }
}
