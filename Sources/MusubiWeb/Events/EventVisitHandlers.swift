import Foundation
import Hummingbird
import MusubiCore

/// Visitors without an account: asking for a place on a public event's page, and the page
/// their mailed link opens, to confirm, to show the ticket and to give the place up.
struct EventVisitHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    var events: Events { site.events }

    /// `POST /events/{id}/visitors` with name, organization, email.
    func ask(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        do {
            try await events.askAsVisitor(
                eventID: id, Events.VisitorRequest(name: form["name"], organization: form["organization"], email: form["email"]),
                client: context.remoteAddress)
            return site.redirect(Paths.event.href(id), notice: "visitor_mail_sent")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await EventHandlers(site: site).eventPage(
                id, errors: site.problems(error, context),
                visitorValues: ["name": form["name"], "organization": form["organization"], "email": form["email"]],
                request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    /// `GET /events/visits/{key}`.
    func show(_ request: Request, _ context: Context) async throws -> Response {
        try await page(try await events.visit(key: try key(context)), key: try key(context), request, context)
    }

    /// `POST /events/visits/{key}/confirm`.
    func confirm(_ request: Request, _ context: Context) async throws -> Response {
        let visit = try await events.confirmVisit(key: try key(context))
        return site.redirect(
            Paths.event.href(visit.event.id), notice: visit.registration?.status == .waitlisted ? "event_waitlisted" : "visit_confirmed")
    }

    /// `POST /events/visits/{key}/cancel`.
    func cancel(_ request: Request, _ context: Context) async throws -> Response {
        let key = try key(context)
        let visit = try await events.visit(key: key)
        try await events.cancelVisit(key: key)
        return site.redirect(Paths.event.href(visit.event.id), notice: "event_cancelled_registration")
    }

    private func key(_ context: Context) throws -> String {
        try context.parameters.require("key")
    }

    private func page(_ visit: Events.Visit, key: String, _ request: Request, _ context: Context) async throws -> Response {
        let event = visit.event
        let registration = visit.registration.flatMap { $0.status == .cancelled ? nil : $0 }
        let location = EventWords.location(event.draft.place)
        let model = EventVisitPage(
            title: event.draft.title, eventHref: Paths.event.href(event.id),
            when: EventWords(configuration: site.configuration, language: context.language).when(event),
            place: location.isEmpty ? nil : location, name: visit.visitor.name, organization: visit.visitor.organization,
            status: visit.registration.map { site.t("registration_status." + $0.status.rawValue, context) },
            confirmAction: visit.registration == nil && event.takesRegistrations(at: site.now()) ? Paths.eventVisitConfirmation.href(key) : nil,
            qr: try registration.flatMap {
                $0.status == .registered ? try QRCode(EventWords.doorAddress(event.id, ticket: $0.ticket, site.configuration)).svg : nil
            },
            ticket: registration?.status == .registered ? registration?.ticket : nil,
            cancelAction: registration == nil ? nil : Paths.eventVisitCancellation.href(key))
        return site.render(model, title: event.draft.title, request, context)
    }
}
