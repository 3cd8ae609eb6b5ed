import Foundation
import MusubiCore
import SQLKit

struct SQLEventRepository: EventRepository {
    let db: any SQLDatabase

    func insert(_ draft: EventDraft, by: Int64?, at: Date) async throws -> Event {
        let place = draft.place
        let id = try await db.insertReturningID(
            """
            INSERT INTO events (kind, title, description, starts_at, ends_at, all_day, venue_name, address, prefecture_code, municipality,
              online_url, visibility, capacity, registration_opens_at, registration_closes_at, visitors_welcome, per_organization_limit,
              created_by, created_at)
            VALUES (\(bind: draft.kind.rawValue), \(bind: draft.title), \(bind: draft.description), \(bind: draft.startsAt.epochMilliseconds),
              \(bind: draft.endsAt.epochMilliseconds), \(bind: draft.allDay ? 1 : 0), \(bind: place.venueName), \(bind: place.address),
              \(bind: place.prefectureCode), \(bind: place.municipality), \(bind: place.onlineURL), \(bind: draft.visibility.rawValue),
              \(bind: draft.capacity.map(Int64.init)), \(bind: draft.registrationOpensAt?.epochMilliseconds),
              \(bind: draft.registrationClosesAt?.epochMilliseconds), \(bind: draft.visitorsWelcome ? 1 : 0),
              \(bind: draft.perOrganizationLimit.map(Int64.init)), \(bind: by), \(bind: at.epochMilliseconds))
            """)
        try await saveHostsAndFields(id, draft)
        return Event(id: id, draft: draft, createdBy: by, createdAt: at)
    }

    private func saveHostsAndFields(_ id: Int64, _ draft: EventDraft) async throws {
        try await db.raw("DELETE FROM event_hosts WHERE event_id = \(bind: id)").run()
        try await db.raw("DELETE FROM event_fields WHERE event_id = \(bind: id)").run()
        let hosts = draft.hostIDs.map { ($0, "host") } + draft.coHostIDs.map { ($0, "cohost") }
        for (position, (organizationID, role)) in hosts.enumerated() {
            try await db.raw(
                """
                INSERT INTO event_hosts (event_id, organization_id, role, position)
                VALUES (\(bind: id), \(bind: organizationID), \(bind: role), \(bind: position))
                """
            ).run()
        }
        for fieldID in draft.fieldIDs {
            try await db.raw("INSERT INTO event_fields (event_id, field_id) VALUES (\(bind: id), \(bind: fieldID))").run()
        }
    }

    /// The events with their hosts and fields, read for all of them at once.
    private func withHostsAndFields(_ events: [Event]) async throws -> [Event] {
        guard !events.isEmpty else { return [] }
        let ids = events.map(\.id)
        var hosts: [Int64: (host: [Int64], cohost: [Int64])] = [:]
        for row in try await db.raw("SELECT * FROM event_hosts WHERE " + inList("event_id", ids) + " ORDER BY event_id, position").all() {
            let (event, organization) = (try row.int64("event_id"), try row.int64("organization_id"))
            if try row.string("role") == "host" {
                hosts[event, default: ([], [])].host.append(organization)
            } else {
                hosts[event, default: ([], [])].cohost.append(organization)
            }
        }
        var fields: [Int64: [Int64]] = [:]
        for row in try await db.raw("SELECT * FROM event_fields WHERE " + inList("event_id", ids) + " ORDER BY event_id, field_id").all() {
            fields[try row.int64("event_id"), default: []].append(try row.int64("field_id"))
        }
        return events.map { event in
            var event = event
            (event.draft.hostIDs, event.draft.coHostIDs) = (hosts[event.id]?.host ?? [], hosts[event.id]?.cohost ?? [])
            event.draft.fieldIDs = fields[event.id] ?? []
            return event
        }
    }

    func find(id: Int64) async throws -> Event? {
        guard let event = try await db.raw("SELECT * FROM events WHERE id = \(bind: id)").first().map(Self.event) else { return nil }
        return try await withHostsAndFields([event]).first
    }

    func update(id: Int64, with draft: EventDraft) async throws {
        let place = draft.place
        try await db.raw(
            """
            UPDATE events SET kind = \(bind: draft.kind.rawValue), title = \(bind: draft.title), description = \(bind: draft.description),
              starts_at = \(bind: draft.startsAt.epochMilliseconds), ends_at = \(bind: draft.endsAt.epochMilliseconds),
              all_day = \(bind: draft.allDay ? 1 : 0), venue_name = \(bind: place.venueName), address = \(bind: place.address),
              prefecture_code = \(bind: place.prefectureCode), municipality = \(bind: place.municipality), online_url = \(bind: place.onlineURL),
              visibility = \(bind: draft.visibility.rawValue), capacity = \(bind: draft.capacity.map(Int64.init)),
              registration_opens_at = \(bind: draft.registrationOpensAt?.epochMilliseconds),
              registration_closes_at = \(bind: draft.registrationClosesAt?.epochMilliseconds),
              visitors_welcome = \(bind: draft.visitorsWelcome ? 1 : 0), per_organization_limit = \(bind: draft.perOrganizationLimit.map(Int64.init)),
              sequence = sequence + 1
            WHERE id = \(bind: id)
            """
        ).run()
        try await saveHostsAndFields(id, draft)
    }

    func callOff(id: Int64, at: Date) async throws {
        try await db.raw("UPDATE events SET cancelled_at = \(bind: at.epochMilliseconds), sequence = sequence + 1 WHERE id = \(bind: id)").run()
    }

    func list(upcoming: Bool, from: Date, filter: EventFilter, fieldIDs: [Int64], page: PageRequest) async throws -> Page<Event> {
        var conditions: [SQLQueryString] = [
            upcoming ? "ends_at >= \(bind: from.epochMilliseconds)" : "ends_at < \(bind: from.epochMilliseconds)",
            "visibility IN (\(binds: filter.visibilities.map(\.rawValue)))",
        ]
        if let kind = filter.kind { conditions.append("kind = \(bind: kind.rawValue)") }
        if let prefecture = filter.prefectureCode { conditions.append("prefecture_code = \(bind: prefecture)") }
        if filter.field != nil {
            conditions.append("id IN (SELECT event_id FROM event_fields WHERE " + inList("field_id", fieldIDs) + ")")
        }
        let filtered = conditions.conjunction()
        let order: SQLQueryString = upcoming ? "starts_at, id" : "starts_at DESC, id DESC"
        let total = try await db.count("SELECT COUNT(*) AS n FROM events WHERE " + filtered)
        let rows = try await db.raw(
            "SELECT * FROM events WHERE " + filtered + " ORDER BY " + order + " LIMIT \(literal: page.size) OFFSET \(literal: page.offset)"
        ).all()
        return Page(items: try await withHostsAndFields(try rows.map(Self.event)), total: total, request: page)
    }

    func invite(eventID: Int64, memberIDs: [Int64], at: Date) async throws {
        for memberID in memberIDs {
            try await db.raw(
                """
                INSERT INTO event_invitations (event_id, member_id, invited_at) VALUES (\(bind: eventID), \(bind: memberID), \(bind: at.epochMilliseconds))
                ON CONFLICT (event_id, member_id) DO NOTHING
                """
            ).run()
        }
    }

    func isInvited(eventID: Int64, memberID: Int64) async throws -> Bool {
        try await db.raw("SELECT 1 AS x FROM event_invitations WHERE event_id = \(bind: eventID) AND member_id = \(bind: memberID)").first() != nil
    }

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

    func minutes(eventID: Int64) async throws -> (record: MeetingRecord, updatedAt: Date)? {
        guard let row = try await db.raw("SELECT * FROM event_minutes WHERE event_id = \(bind: eventID)").first() else { return nil }
        let record = MeetingRecord(
            agenda: try Self.lines(row.string("agenda")), minutes: try row.string("minutes"), decisions: try Self.lines(row.string("decisions")),
            visibility: try row.enumValue("visibility", as: MinutesVisibility.self))
        return (record, try row.date("updated_at"))
    }

    func saveMinutes(eventID: Int64, _ record: MeetingRecord, by: Int64?, at: Date) async throws {
        let (agenda, decisions) = (try Self.json(record.agenda), try Self.json(record.decisions))
        try await db.raw(
            """
            INSERT INTO event_minutes (event_id, agenda, minutes, decisions, visibility, written_by, updated_at)
            VALUES (\(bind: eventID), \(bind: agenda), \(bind: record.minutes), \(bind: decisions), \(bind: record.visibility.rawValue), \(bind: by),
              \(bind: at.epochMilliseconds))
            ON CONFLICT (event_id) DO UPDATE SET agenda = excluded.agenda, minutes = excluded.minutes, decisions = excluded.decisions,
              visibility = excluded.visibility, written_by = excluded.written_by, updated_at = excluded.updated_at
            """
        ).run()
    }

    func actions(eventID: Int64) async throws -> [ActionItem] {
        try await db.raw(
            """
            SELECT a.*, m.name AS owner_name FROM event_actions a LEFT JOIN members m ON m.id = a.owner_id
            WHERE a.event_id = \(bind: eventID) ORDER BY a.id
            """
        ).all().map { row in
            ActionItem(
                id: try row.int64("id"), eventID: try row.int64("event_id"), text: try row.string("text"), ownerID: try row.optionalInt64("owner_id"),
                ownerName: try row.decode(column: "owner_name", as: String?.self) ?? "", due: try row.optionalDate("due_at"),
                doneAt: try row.optionalDate("done_at"))
        }
    }

    func insertAction(eventID: Int64, text: String, ownerID: Int64?, due: Date?, at: Date) async throws -> ActionItem {
        let id = try await db.insertReturningID(
            """
            INSERT INTO event_actions (event_id, text, owner_id, due_at, created_at)
            VALUES (\(bind: eventID), \(bind: text), \(bind: ownerID), \(bind: due?.epochMilliseconds), \(bind: at.epochMilliseconds))
            """)
        guard let action = try await actions(eventID: eventID).first(where: { $0.id == id }) else { throw MusubiError.notFound }
        return action
    }

    func setActionDone(id: Int64, at: Date?) async throws {
        try await db.raw("UPDATE event_actions SET done_at = \(bind: at?.epochMilliseconds) WHERE id = \(bind: id)").run()
    }

    private static func json(_ lines: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
    }

    private static func lines(_ text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// Members with their organisation, or visitors with the organisation they gave.
    private static var attendeeQuery: SQLQueryString {
        """
        SELECT r.*, COALESCE(m.name, v.name) AS person_name, COALESCE(m.name_kana, '') AS person_kana,
          COALESCE(m.email, v.email) AS person_email, COALESCE(o.name, v.organization, '') AS organization_name,
          o.sector AS organization_sector
        FROM event_registrations r LEFT JOIN members m ON m.id = r.member_id LEFT JOIN organizations o ON o.id = m.organization_id
          LEFT JOIN event_visitors v ON v.id = r.visitor_id
        """
    }

    private static func attendee(_ row: any SQLRow) throws -> Attendee {
        Attendee(
            registration: try registration(row), name: try row.string("person_name"), nameKana: try row.string("person_kana"),
            email: try row.string("person_email"), organizationName: try row.string("organization_name"),
            sector: try row.decode(column: "organization_sector", as: String?.self).flatMap(Sector.init(rawValue:)))
    }

    private static func event(_ row: any SQLRow) throws -> Event {
        let draft = EventDraft(
            kind: try row.enumValue("kind", as: EventKind.self), title: try row.string("title"), description: try row.string("description"),
            startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"), allDay: try row.int64("all_day") != 0,
            place: EventPlace(
                venueName: try row.string("venue_name"), address: try row.string("address"), prefectureCode: try row.string("prefecture_code"),
                municipality: try row.string("municipality"), onlineURL: try row.string("online_url")),
            visibility: try row.enumValue("visibility", as: EventVisibility.self), capacity: try row.optionalInt64("capacity").map(Int.init),
            registrationOpensAt: try row.optionalDate("registration_opens_at"), registrationClosesAt: try row.optionalDate("registration_closes_at"),
            visitorsWelcome: try row.int64("visitors_welcome") != 0,
            perOrganizationLimit: try row.optionalInt64("per_organization_limit").map(Int.init))
        return Event(
            id: try row.int64("id"), draft: draft, createdBy: try row.optionalInt64("created_by"), createdAt: try row.date("created_at"),
            cancelledAt: try row.optionalDate("cancelled_at"), sequence: Int(try row.int64("sequence")))
    }

    private static func registration(_ row: any SQLRow) throws -> Registration {
        Registration(
            id: try row.int64("id"), eventID: try row.int64("event_id"),
            registrant: try row.optionalInt64("member_id").map(Registrant.member) ?? .visitor(try row.int64("visitor_id")),
            status: try row.enumValue("status", as: RegistrationStatus.self), registeredAt: try row.date("registered_at"),
            checkedInAt: try row.optionalDate("checked_in_at"), ticket: try row.string("ticket"))
    }
}
