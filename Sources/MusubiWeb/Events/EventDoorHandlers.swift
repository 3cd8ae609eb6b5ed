import Foundation
import Hummingbird
import MusubiCore

/// The ticket and the door: a person's QR code, and the coordinators' check-in page that a
/// ticket's code opens on their phone, that finds people by name or reading, marks them
/// arrived, registers walk-ins and counts who came by sector.
struct EventDoorHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    var events: Events { site.events }

    /// How many people the door lists without words typed.
    static let listed = 100

    /// `GET /events/{id}/ticket`: the QR code of the person's place.
    func ticket(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let (event, attendee) = try await events.ticket(context.actor, eventID: id) else { throw MusubiError.notFound }
        let code = try QRCode(EventWords.doorAddress(id, ticket: attendee.registration.ticket, site.configuration))
        let location = EventWords.location(event.draft.place)
        let model = EventTicketPage(
            title: event.draft.title, eventHref: Paths.event.href(id),
            when: EventWords(configuration: site.configuration, language: context.language).when(event),
            place: location.isEmpty ? nil : location, name: attendee.name, qr: code.svg, ticket: attendee.registration.ticket)
        return site.render(model, title: event.draft.title, request, context)
    }

    /// `GET /events/{id}/check-in[?q=…][&ticket=…]`.
    func door(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let query = try FormData.query(of: request)
        do {
            let door = try await events.door(context.actor, eventID: id, query: query["q"], ticket: query["ticket"])
            return site.render(page(door, query: query["q"], ticketError: nil, context), title: door.event.draft.title, request, context)
        } catch let error as MusubiError where error.belongsOnTheForm {
            let door = try await events.door(context.actor, eventID: id, query: query["q"])
            return site.render(
                page(door, query: query["q"], ticketError: site.problems(error, context)["ticket"], context), title: door.event.draft.title, request,
                context, status: .notFound)
        }
    }

    /// `POST /events/{id}/check-in/{registration}`: arrived.
    func checkIn(_ request: Request, _ context: Context) async throws -> Response {
        let (id, registration) = (
            try context.parameters.require("id", as: Int64.self), try context.parameters.require("registration", as: Int64.self)
        )
        let form = context.form
        try await events.checkIn(context.actor, eventID: id, registrationID: registration)
        return site.done(request, context, redirect: doorHref(id, query: form["q"]), notice: "checked_in", id: registration)
    }

    /// `POST /events/{id}/check-in/{registration}/undo`.
    func undo(_ request: Request, _ context: Context) async throws -> Response {
        let (id, registration) = (
            try context.parameters.require("id", as: Int64.self), try context.parameters.require("registration", as: Int64.self)
        )
        let form = context.form
        try await events.undoCheckIn(context.actor, eventID: id, registrationID: registration)
        return site.done(request, context, redirect: doorHref(id, query: form["q"]), notice: "check_in_undone", id: registration)
    }

    /// `POST /events/{id}/walk-ins` with `member`: registered and arrived on the spot.
    func walkIn(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        guard let member = Int64(form["member"]) else { throw MusubiError.invalid([.init(field: "member", key: "error.walk_in_unknown")]) }
        let arrived = try await events.walkIn(context.actor, eventID: id, memberID: member)
        return site.done(request, context, redirect: doorHref(id, query: arrived.name), notice: "walked_in", id: arrived.id)
    }

    private func doorHref(_ id: Int64, query: String) -> String {
        query.isEmpty ? Paths.eventDoor.href(id) : PathTemplate.link(Paths.eventDoor.href(id), query: [URLQueryItem(name: "q", value: query)])
    }

    private func page(_ door: Events.Door, query: String, ticketError: String?, _ context: Context) -> EventDoorPage {
        let id = door.event.id
        let counts = door.counts
        func row(_ attendee: Attendee) -> EventDoorPage.Row {
            let registration = attendee.registration
            return EventDoorPage.Row(
                name: attendee.name, kana: attendee.nameKana, organization: attendee.organizationName,
                status: site.t("registration_status." + registration.status.rawValue, context), waitlisted: registration.status == .waitlisted,
                arrivedAt: registration.checkedInAt.map { site.formatDate($0, context, withTime: true) },
                checkInAction: registration.checkedInAt == nil ? Paths.eventArrival.href(id, registration.id) : nil,
                undoAction: registration.checkedInAt == nil ? nil : Paths.eventArrivalUndo.href(id, registration.id),
                testID: "arrival-\(registration.id)")
        }
        return EventDoorPage(
            title: door.event.draft.title, eventHref: Paths.event.href(id), doorHref: Paths.eventDoor.href(id), query: query,
            counts: String(format: site.t("door.counts", context), counts.registered, counts.checkedIn, counts.waitlisted),
            sectors: door.bySector.map { tally in
                EventDoorPage.SectorRow(sector: site.name(of: tally.group, context), registered: tally.registered, checkedIn: tally.checkedIn)
            },
            holder: door.ticketHolder.map(row), ticketError: ticketError, rows: door.found.prefix(Self.listed).map(row),
            more: door.found.count > Self.listed ? door.found.count - Self.listed : nil,
            walkIns: door.others.map { member in
                EventDoorPage.WalkIn(name: member.name, kana: member.nameKana, organization: member.organizationName, memberID: member.id)
            },
            walkInAction: Paths.eventWalkIns.href(id))
    }
}
