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
    func withHostsAndFields(_ events: [Event]) async throws -> [Event] {
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

    static func event(_ row: any SQLRow) throws -> Event {
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

}
