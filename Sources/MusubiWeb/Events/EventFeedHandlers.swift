import Foundation
import Hummingbird
import MusubiCore

/// A member's private calendar feed: the page to make its address (shown once), replace or
/// take it back, and the feed itself, which calendar programs read by its secret address.
struct EventFeedHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    var events: Events { site.events }

    /// `GET /me/calendar`.
    func page(_ request: Request, _ context: Context) async throws -> Response {
        try await page(address: nil, request, context)
    }

    /// `POST /me/calendar`: a new address; the one before stops working.
    func issue(_ request: Request, _ context: Context) async throws -> Response {
        let key = try await events.issueFeed(context.actor)
        return try await page(address: site.configuration.absolute(Paths.calendarFeed.href(key)), request, context)
    }

    /// `POST /me/calendar/revoke`.
    func revoke(_ request: Request, _ context: Context) async throws -> Response {
        try await events.revokeFeed(context.actor)
        return site.redirect(Paths.calendarFeedSettings.href(), notice: "calendar_feed_revoked")
    }

    /// `GET /calendar/{key}/events.ics`: for calendar programs; an unknown key is not found.
    func feed(_ request: Request, _ context: Context) async throws -> Response {
        guard let feed = try await events.feed(key: try context.parameters.require("key")) else { throw MusubiError.notFound }
        return ICalendar(configuration: site.configuration).response(
            feed, name: site.configuration.name(in: context.language) + " " + site.t("calendar_feed.title", context), filename: "musubi.ics",
            stampedAt: site.now())
    }

    private func page(address: String?, _ request: Request, _ context: Context) async throws -> Response {
        let model = CalendarFeedPage(
            hasFeed: try await events.hasFeed(context.actor), address: address, issueAction: Paths.calendarFeedSettings.href(),
            revokeAction: Paths.calendarFeedRevocation.href())
        return site.render(model, title: site.t("calendar_feed.title", context), request, context)
    }
}

/// The private calendar feed's settings; the address only right after it was made.
struct CalendarFeedPage: PageModel {
    var hasFeed: Bool
    var address: String?
    var issueAction: String
    var revokeAction: String
}
