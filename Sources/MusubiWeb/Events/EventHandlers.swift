import Foundation
import Hummingbird
import MusubiCore

/// Events as pages: the list, one event with registering and giving up one's place, and the
/// coordinators' form.
struct EventHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    var events: Events { site.events }

    func list(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let upcoming = query["when"] != "past"
        let filter = EventFilter(
            kind: EventKind(rawValue: query["kind"]), field: Int64(query["field"]), prefectureCode: query.optional("prefecture"))
        let page = try await events.list(
            context.actor, upcoming: upcoming, filter: filter, page: PageRequest(number: try query.int("page") ?? 1, size: 30))
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = EventsPage(
            tabs: [
                Tab(label: site.t("events.upcoming", context), href: Paths.events.href(), current: upcoming, testID: "tab-upcoming"),
                Tab(label: site.t("events.past", context), href: Paths.events.href(query: ["when": "past"]), current: !upcoming, testID: "tab-past"),
            ],
            kinds: views.options(EventKind.allCases, catalog: "event_kind.", selected: filter.kind, all: "events.all_kinds"),
            fields: views.fieldOptions(selected: Set(filter.field.map { [$0] } ?? [])),
            prefectures: views.prefectureOptions(selected: filter.prefectureCode),
            upcoming: upcoming, rows: page.items.map(views.eventRow),
            newHref: Policy.can(context.actor, .create, .events) ? Paths.newEvent.href() : nil,
            pager: views.pager(page, path: Paths.events.href(), query: query, keys: ["when", "kind", "field", "prefecture"]))
        return site.render(model, title: site.t("events.title", context), request, context)
    }

    func show(_ request: Request, _ context: Context) async throws -> Response {
        try await eventPage(try context.parameters.require("id", as: Int64.self), errors: [:], request, context)
    }

    /// `GET /events/{id}/calendar.ics`: the event for one's calendar, to those who may see it.
    func calendar(_ request: Request, _ context: Context) async throws -> Response {
        let shown = try await events.show(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return ICalendar(configuration: site.configuration).response(
            [shown.event], name: shown.event.draft.title, filename: "event-\(shown.event.id).ics", stampedAt: site.now())
    }

    /// `GET /events.ics`: the public events from today on, for anyone's calendar program.
    func publicCalendar(_ request: Request, _ context: Context) async throws -> Response {
        let upcoming = try await events.list(.anonymous, upcoming: true, page: PageRequest(number: 1, size: 500)).items
        return ICalendar(configuration: site.configuration).response(
            upcoming, name: site.configuration.name(in: context.language) + " " + site.t("events.title", context), filename: "events.ics",
            stampedAt: site.now())
    }

    func register(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            let registration = try await events.register(context.actor, eventID: id)
            return site.redirect(Paths.event.href(id), notice: registration.status == .waitlisted ? "event_waitlisted" : "event_registered")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await eventPage(id, errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    func cancel(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await events.cancel(context.actor, eventID: id)
        return site.redirect(Paths.event.href(id), notice: "event_cancelled_registration")
    }

    func newForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .events, hiding: false)
        return try await formPage(
            [:], EventDraft(kind: .technologyExchange, title: "", startsAt: .distantPast, endsAt: .distantPast), editing: nil, errors: [:], request,
            context)
    }

    func create(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .events, hiding: false)
        let (draft, problems) = submitted(context.form)
        do {
            if !problems.isEmpty { throw MusubiError.invalid(problems) }
            let event = try await events.create(context.actor, draft)
            return site.redirect(Paths.event.href(event.id), notice: "event_created")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await refused(error, draft, problems, editing: nil, request, context)
        }
    }

    /// `GET /events/{id}/edit`: the form with the event as it stands.
    func editForm(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let shown = try await events.show(context.actor, id: id)
        try Policy.require(context.actor, .edit, .event(shown.access), hiding: false)
        let draft = shown.event.draft
        let moment = { (date: Date?) in date.map(site.momentValue) ?? "" }
        let day = { (date: Date) in String(site.momentValue(date).prefix(10)) }
        let values = [
            "title": draft.title, "description": draft.description,
            "startsAt": draft.allDay ? day(draft.startsAt) : moment(draft.startsAt),
            "endsAt": draft.allDay ? day(draft.endsAt) : moment(draft.endsAt),
            "venueName": draft.place.venueName, "address": draft.place.address, "municipality": draft.place.municipality,
            "onlineURL": draft.place.onlineURL, "capacity": draft.capacity.map(String.init) ?? "",
            "perOrganizationLimit": draft.perOrganizationLimit.map(String.init) ?? "",
            "registrationOpensAt": moment(draft.registrationOpensAt), "registrationClosesAt": moment(draft.registrationClosesAt),
        ]
        return try await formPage(
            values.merging(["visitorsWelcome": draft.visitorsWelcome ? "1" : ""]) { $1 }, draft, editing: id, errors: [:], request, context)
    }

    /// `POST /events/{id}/edit`.
    func update(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try Policy.require(context.actor, .edit, .event(try await events.show(context.actor, id: id).access), hiding: false)
        let (draft, problems) = submitted(context.form)
        do {
            if !problems.isEmpty { throw MusubiError.invalid(problems) }
            try await events.update(context.actor, id: id, draft)
            return site.redirect(Paths.event.href(id), notice: "event_changed")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await refused(error, draft, problems, editing: id, request, context)
        }
    }

    /// `POST /events/{id}/call-off`: cancelled, everyone told.
    func callOff(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await events.callOff(context.actor, id: id)
        return site.redirect(Paths.event.href(id), notice: "event_called_off")
    }

    /// The event the form describes, and what is wrong with what was typed.
    private func submitted(_ form: FormData) -> (EventDraft, [MusubiError.Problem]) {
        var problems: [MusubiError.Problem] = []
        let allDay = form.optional("allDay") == "1"
        func moment(_ key: String, endOfDay: Bool = false, required: Bool = false) -> Date? {
            guard let text = form.optional(key) else {
                if required { problems.append(.init(field: key, key: "error.required")) }
                return nil
            }
            let parsed = allDay && ["startsAt", "endsAt"].contains(key) ? (endOfDay ? site.endOfDay(text) : site.day(text)) : site.moment(text)
            if parsed == nil { problems.append(.init(field: key, key: allDay ? "error.date" : "error.moment")) }
            return parsed
        }
        let kind = EventKind(rawValue: form["kind"])
        if kind == nil { problems.append(.init(field: "kind", key: "error.choice")) }
        let visibility = EventVisibility(rawValue: form["visibility"])
        if visibility == nil { problems.append(.init(field: "visibility", key: "error.choice")) }
        func count(_ key: String) -> Int? {
            guard let text = form.optional(key) else { return nil }
            guard let number = Int(text) else {
                problems.append(.init(field: key, key: "error.capacity"))
                return nil
            }
            return number
        }
        let capacity = count("capacity")
        let starts = moment("startsAt", required: true)
        let ends = moment("endsAt", endOfDay: true, required: true)
        let draft = EventDraft(
            kind: kind ?? .technologyExchange, title: form["title"], description: form["description"], startsAt: starts ?? .distantPast,
            endsAt: ends ?? .distantPast, allDay: allDay,
            place: EventPlace(
                venueName: form["venueName"], address: form["address"], prefectureCode: form["prefectureCode"], municipality: form["municipality"],
                onlineURL: form["onlineURL"]),
            visibility: visibility ?? .members, capacity: capacity, registrationOpensAt: moment("registrationOpensAt"),
            registrationClosesAt: moment("registrationClosesAt"), visitorsWelcome: form.optional("visitorsWelcome") == "1",
            hostIDs: FormIDs.parse(form.all("hostIDs"), field: "hostIDs", into: &problems),
            coHostIDs: FormIDs.parse(form.all("coHostIDs"), field: "coHostIDs", into: &problems),
            fieldIDs: FormIDs.parse(form.all("fields"), field: "fieldIDs", into: &problems), perOrganizationLimit: count("perOrganizationLimit"))
        return (draft, problems)
    }

    /// The form again with what was typed and what is wrong with it.
    private func refused(
        _ error: MusubiError, _ draft: EventDraft, _ problems: [MusubiError.Problem], editing: Int64?, _ request: Request, _ context: Context
    ) async throws -> Response {
        let form = context.form
        let values = Dictionary(
            [
                "title", "description", "startsAt", "endsAt", "venueName", "address", "municipality", "onlineURL", "capacity", "perOrganizationLimit",
                "registrationOpensAt", "registrationClosesAt", "visitorsWelcome",
            ].map { ($0, String(form[$0].prefix(10_000))) },
            uniquingKeysWith: { a, _ in a })
        var errors = site.problems(error, context)
        if case .invalid(let found) = error {
            for problem in problems + found where errors[problem.field] == nil { errors[problem.field] = site.t(problem.key, context) }
        }
        return try await formPage(values, draft, editing: editing, errors: errors, request, context, status: ErrorMiddleware.describe(error).0)
    }

    // MARK: Pages

    /// An event's page; `visitorValues` is what a visitor typed in the form for a place.
    func eventPage(
        _ id: Int64, errors: [String: String], visitorValues: [String: String] = [:], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let shown = try await events.show(context.actor, id: id)
        let event = shown.event
        let draft = event.draft
        let now = site.now()
        let holds = shown.mine.map { $0.status != .cancelled } ?? false
        let counts = shown.counts
        let keeps = Policy.can(context.actor, .edit, .event(shown.access))
        let names = shown.hostNames
        let tree = try await site.directory.fieldTree()
        func hosts(_ ids: [Int64]) -> [EventHost] {
            ids.compactMap { id in names[id].map { EventHost(label: $0, href: Paths.organization.href(id)) } }
        }
        let model = EventPage(
            title: draft.title, kind: site.t("event_kind." + draft.kind.rawValue, context), when: when(event, context),
            venue: draft.place.venueName.isEmpty ? nil : draft.place.venueName, address: EventWords.address(draft.place),
            onlineURL: shown.mine?.status == .registered && !draft.place.onlineURL.isEmpty ? draft.place.onlineURL : nil,
            description: draft.description.isEmpty ? nil : draft.description,
            visibility: site.t("event_visibility." + draft.visibility.rawValue, context),
            capacity: draft.capacity.map { String(format: site.t("events.capacity_value", context), $0) },
            perOrganization: draft.perOrganizationLimit.map { String(format: site.t("events.per_organization_value", context), $0) },
            counts: String(format: site.t("events.counts", context), counts.registered, counts.waitlisted),
            status: holds ? shown.mine.map { site.t("registration_status." + $0.status.rawValue, context) } : nil,
            waitlisted: shown.mine?.status == .waitlisted,
            registerAction: !holds && event.takesRegistrations(at: now) && Policy.can(context.actor, .join, .event(shown.access))
                ? Paths.eventRegistration.href(id) : nil,
            cancelAction: holds ? Paths.eventCancellation.href(id) : nil,
            closed: !event.takesRegistrations(at: now), cancelled: event.cancelledAt != nil, calendarHref: Paths.eventCalendar.href(id),
            ticketHref: shown.mine?.status == .registered ? Paths.eventTicket.href(id) : nil,
            doorHref: keeps ? Paths.eventDoor.href(id) : nil, attendanceHref: Paths.eventAttendance.href(id),
            minutesHref: keeps || shown.minutes.map { Policy.can(context.actor, .view, .minutes($0)) } == true ? Paths.eventMinutes.href(id) : nil,
            editHref: keeps && event.cancelledAt == nil ? Paths.eventEdit.href(id) : nil,
            callOffAction: keeps && event.cancelledAt == nil ? Paths.eventCallOff.href(id) : nil,
            visitorAction: context.actor == .anonymous && draft.visibility == .public && draft.visitorsWelcome && event.takesRegistrations(at: now)
                ? Paths.eventVisitors.href(id) : nil,
            visitorValues: visitorValues, hosts: hosts(draft.hostIDs), coHosts: hosts(draft.coHostIDs),
            fields: draft.fieldIDs.compactMap { tree.field($0).map { context.language == .en ? $0.nameEn : $0.name } }, errors: errors)
        return site.render(model, title: draft.title, request, context, status: status)
    }

    /// The form, with the values as typed (or as stored) and the draft's choices.
    private func formPage(
        _ values: [String: String], _ draft: EventDraft, editing: Int64?, errors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let organizations = try await site.directory.organizationNames()
        func choices(_ chosen: [Int64]) -> [Option] {
            organizations.map { Option(value: String($0.id), label: $0.name, selected: chosen.contains($0.id)) }
        }
        let model = EventFormPage(
            action: editing.map { Paths.eventEdit.href($0) } ?? Paths.events.href(), editing: editing != nil,
            cancelHref: editing.map { Paths.event.href($0) }, values: values, allDay: draft.allDay,
            kinds: views.options(EventKind.allCases, catalog: "event_kind.", selected: draft.kind),
            visibilities: views.options(EventVisibility.allCases, catalog: "event_visibility.", selected: draft.visibility),
            prefectures: views.prefectureOptions(selected: draft.place.prefectureCode), hosts: choices(draft.hostIDs),
            coHosts: choices(draft.coHostIDs), fields: views.fieldOptions(selected: Set(draft.fieldIDs), includeAll: false), errors: errors)
        return site.render(model, title: site.t(editing == nil ? "events.new" : "events.edit", context), request, context, status: status)
    }

    private func when(_ event: Event, _ context: Context) -> String {
        EventWords(configuration: site.configuration, language: context.language).when(event)
    }
}
