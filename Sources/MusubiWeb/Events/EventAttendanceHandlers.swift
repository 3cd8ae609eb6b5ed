import Foundation
import Hummingbird
import MusubiCore

/// After the event, for coordinators: who came by sector and by organisation, the line a
/// progress report writes of it, and the same as a CSV for Excel.
struct EventAttendanceHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    /// `GET /events/{id}/attendance`.
    func page(_ request: Request, _ context: Context) async throws -> Response {
        let attendance = try await site.events.attendance(context.actor, eventID: try context.parameters.require("id", as: Int64.self))
        let event = attendance.event
        let model = EventAttendancePage(
            title: event.draft.title, eventHref: Paths.event.href(event.id),
            summary: event.draft.title + "の開催" + attendance.summary(in: site.configuration.timeZone),
            basis: site.t(attendance.countsArrivals ? "attendance.by_arrivals" : "attendance.by_registrations", context),
            sectors: attendance.bySector.map {
                EventDoorPage.SectorRow(sector: site.name(of: $0.group, context), registered: $0.registered, checkedIn: $0.checkedIn)
            },
            organizations: attendance.organizations.map {
                EventAttendancePage.Organization(name: $0.name, group: site.name(of: $0.group, context), people: $0.people)
            },
            csvHref: Paths.eventAttendanceCSV.href(event.id))
        return site.render(model, title: event.draft.title, request, context)
    }

    /// `GET /events/{id}/attendance.csv`: the organisations that came, for Excel.
    func csv(_ request: Request, _ context: Context) async throws -> Response {
        let attendance = try await site.events.attendance(context.actor, eventID: try context.parameters.require("id", as: Int64.self))
        let rows =
            [[site.t("attendance.organization", context), site.t("door.sector", context), site.t("attendance.people", context)]]
            + attendance.organizations.map { [$0.name, site.name(of: $0.group, context), String($0.people)] }
        return ExcelCSV.response(rows, filename: "attendance-\(attendance.event.id).csv")
    }
}

/// Who came to an event.
struct EventAttendancePage: PageModel {
    struct Organization {
        var name: String
        var group: String
        var people: Int
    }

    var title: String
    var eventHref: String
    /// `第23回 展示発表会の開催[34企業・団体、34名参加]（R8.10）`.
    var summary: String
    /// Whether the counts are of arrivals or registrations.
    var basis: String
    var sectors: [EventDoorPage.SectorRow]
    var organizations: [Organization]
    var csvHref: String
}
