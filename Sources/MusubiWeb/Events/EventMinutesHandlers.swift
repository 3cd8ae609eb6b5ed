import Foundation
import Hummingbird
import MusubiCore

/// A meeting's record: who took part for which organisation, the agenda, the minutes, the
/// decisions and the action items, under the meeting's name and its date as minutes write it
/// (`第1回 平成23年11月15日(火)`); coordinators write it, owners tick their items off.
struct EventMinutesHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    var events: Events { site.events }

    /// `GET /events/{id}/minutes`.
    func show(_ request: Request, _ context: Context) async throws -> Response {
        let meeting = try await events.meeting(context.actor, eventID: try context.parameters.require("id", as: Int64.self))
        return site.render(page(meeting, errors: [:], context), title: meeting.event.draft.title, request, context)
    }

    /// `GET /events/{id}/minutes/edit`.
    func editForm(_ request: Request, _ context: Context) async throws -> Response {
        let meeting = try await events.meeting(context.actor, eventID: try context.parameters.require("id", as: Int64.self))
        guard meeting.mayWrite else { throw MusubiError.forbidden }
        let record = meeting.record ?? MeetingRecord()
        return form(
            meeting.event,
            values: [
                "agenda": record.agenda.joined(separator: "\n"), "minutes": record.minutes, "decisions": record.decisions.joined(separator: "\n"),
            ], visibility: record.visibility, errors: [:], request, context)
    }

    /// `POST /events/{id}/minutes`.
    func save(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        func lines(_ key: String) -> [String] {
            Validator.unixLineBreaks(form[key]).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let visibility = MinutesVisibility(rawValue: form["visibility"]) ?? .participants
        do {
            try await events.recordMeeting(
                context.actor, eventID: id,
                MeetingRecord(agenda: lines("agenda"), minutes: form["minutes"], decisions: lines("decisions"), visibility: visibility))
            return site.redirect(Paths.eventMinutes.href(id), notice: "minutes_saved")
        } catch let error as MusubiError where error.belongsOnTheForm {
            let shown = try await events.show(context.actor, id: id)
            return self.form(
                shown.event, values: ["agenda": form["agenda"], "minutes": form["minutes"], "decisions": form["decisions"]], visibility: visibility,
                errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    /// `POST /events/{id}/actions` with text, owner and due (a day).
    func addAction(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        let due = form.optional("due").map { site.day($0) }
        do {
            if due == .some(nil) { throw MusubiError.invalid([.init(field: "due", key: "error.date")]) }
            try await events.addAction(context.actor, eventID: id, text: form["text"], ownerID: Int64(form["owner"]), due: due ?? nil)
            return site.redirect(Paths.eventMinutes.href(id), notice: "action_added")
        } catch let error as MusubiError where error.belongsOnTheForm {
            let meeting = try await events.meeting(context.actor, eventID: id)
            return site.render(
                page(meeting, errors: site.problems(error, context), context), title: meeting.event.draft.title, request, context,
                status: ErrorMiddleware.describe(error).0)
        }
    }

    /// `POST /events/{id}/actions/{action}/done` with done=1 (or 0: not yet).
    func setDone(_ request: Request, _ context: Context) async throws -> Response {
        let (id, action) = (try context.parameters.require("id", as: Int64.self), try context.parameters.require("action", as: Int64.self))
        try await events.setActionDone(context.actor, eventID: id, actionID: action, done: context.form["done"] == "1")
        return site.done(request, context, redirect: Paths.eventMinutes.href(id), notice: "action_updated", id: action)
    }

    private func page(_ meeting: Events.Meeting, errors: [String: String], _ context: Context) -> EventMinutesPage {
        let event = meeting.event
        let zone = site.configuration.timeZone
        let date = { (day: Date) in context.language == .ja ? JapaneseDate.long(day, in: zone) : site.formatDate(day, context) }
        return EventMinutesPage(
            title: event.draft.title, eventHref: Paths.event.href(event.id), date: date(event.draft.startsAt),
            participants: meeting.participants.map { EventMinutesPage.Participant(name: $0.name, organization: $0.organizationName) },
            agenda: meeting.record?.agenda ?? [], minutes: meeting.record.map(\.minutes).flatMap { $0.isEmpty ? nil : $0 },
            decisions: meeting.record?.decisions ?? [],
            visibility: meeting.record.map { site.t("minutes_visibility." + $0.visibility.rawValue, context) },
            written: meeting.record != nil,
            actions: meeting.actions.map { action in
                EventMinutesPage.Action(
                    text: action.text, owner: action.ownerName, due: action.due.map(date), done: action.doneAt != nil,
                    toggleAction: meeting.mayWrite || (action.ownerID != nil && action.ownerID == context.actor.memberID)
                        ? Paths.eventActionDone.href(event.id, action.id) : nil, testID: "action-\(action.id)")
            },
            editHref: meeting.mayWrite ? Paths.eventMinutesEdit.href(event.id) : nil,
            addAction: meeting.mayWrite ? Paths.eventActions.href(event.id) : nil,
            owners: meeting.participants.compactMap { attendee in
                attendee.registration.registrant.memberID.map { Option(value: String($0), label: attendee.name, selected: false) }
            }, errors: errors)
    }

    private func form(
        _ event: Event, values: [String: String], visibility: MinutesVisibility, errors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let views = Views(site: site, context: context, tree: FieldTree([]))
        let model = EventMinutesFormPage(
            title: event.draft.title, eventHref: Paths.event.href(event.id), action: Paths.eventMinutes.href(event.id),
            cancelHref: Paths.eventMinutes.href(event.id), values: values,
            visibilities: views.options(MinutesVisibility.allCases, catalog: "minutes_visibility.", selected: visibility), errors: errors)
        return site.render(model, title: event.draft.title, request, context, status: status)
    }
}

/// A meeting's record.
struct EventMinutesPage: PageModel {
    struct Participant {
        var name: String
        var organization: String
    }

    struct Action {
        var text: String
        var owner: String
        var due: String?
        var done: Bool
        /// Ticking it off (or back): coordinators and its owner.
        var toggleAction: String?
        var testID: String
    }

    var title: String
    var eventHref: String
    /// `平成23年11月15日(火)` in Japanese.
    var date: String
    var participants: [Participant]
    var agenda: [String]
    var minutes: String?
    var decisions: [String]
    var visibility: String?
    var written: Bool
    var actions: [Action]
    var editHref: String?
    var addAction: String?
    var owners: [Option]
    var errors: [String: String]
}

/// The coordinator's form for a meeting's record.
struct EventMinutesFormPage: PageModel {
    var title: String
    var eventHref: String
    var action: String
    var cancelHref: String
    var values: [String: String]
    var visibilities: [Option]
    var errors: [String: String]
}
