import Foundation
import Hummingbird
import MusubiCore

/// The frame around every page: language, the menu, who is signed in, the CSRF token.
struct Layout {
    var lang: String
    var title: String
    var siteName: String
    var csrf: String
    var signedIn: Bool
    var profileHref: String
    /// Which entries the menu offers (the policy decides).
    var menu: MenuAccess
    var switchLanguageHref: String
    var switchLanguageTestID: String
    var switchLanguageLabel: String
    var notice: String?
    var paths: [String: String]
    /// The bell's count (nil: no bell, for a visitor), and its label for screen readers.
    var unreadNotifications: Int?
    var bellHasUnread: Bool
    var bellLabel: String
    /// Applications waiting, for coordinators when there are any.
    var waitingApplications: Int?
}

extension Site {
    /// Renders a page inside the layout. A template that fails to render is logged with its
    /// name and answered with a plain 500.
    func render<Page: PageModel>(
        _ page: Page, title: String, _ request: Request, _ context: MusubiRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let other: UILanguage = context.language == .ja ? .en : .ja
        let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        let noticeKey = (try? FormData.query(of: request))?["notice"] ?? ""
        let layout = Layout(
            lang: context.language.rawValue,
            title: title,
            siteName: configuration.name(in: context.language),
            csrf: context.csrfToken,
            signedIn: context.actor != .anonymous,
            profileHref: context.actor.memberID.map { Paths.member.href($0) } ?? "",
            menu: MenuAccess(for: context.actor),
            switchLanguageHref: Paths.language.href(other.rawValue) + "?back="
                + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"),
            switchLanguageTestID: "lang-" + other.rawValue,
            switchLanguageLabel: other == .en ? "English" : "日本語",
            notice: catalog.has("notice." + noticeKey) ? catalog.text("notice." + noticeKey, context.language) : nil,
            paths: Self.navigationPaths,
            unreadNotifications: context.actor == .anonymous ? nil : context.unreadNotifications ?? 0,
            bellHasUnread: (context.unreadNotifications ?? 0) > 0,
            bellLabel: t("notifications.bell", context).replacingOccurrences(of: "{count}", with: "\(context.unreadNotifications ?? 0)"),
            waitingApplications: context.waitingApplications.flatMap { $0 > 0 ? $0 : nil }
        )
        let scope: [String: Any] = ["layout": layout, "page": page, "t": catalog.tree(context.language)]
        observeRendering?(Page.template, scope)
        guard let html = templates.render(Page.template, scope), !html.isEmpty else {
            logger.error("a page did not render", metadata: ["template": "\(Page.template)", "path": "\(request.uri.path)"])
            let text = catalog.text("error.internal", context.language)
            return Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static let navigationPaths: [String: String] = [
        "home": Paths.home.href(), "members": Paths.members.href(), "organizations": Paths.organizations.href(),
        "groups": Paths.groups.href(), "signIn": Paths.signIn.href(), "signOut": Paths.signOut.href(),
        "apply": Paths.apply.href(), "editProfile": Paths.editProfile.href(), "account": Paths.account.href(),
        "people": Paths.people.href(), "invitations": Paths.invitations.href(), "audit": Paths.audit.href(),
        "newOrganization": Paths.newOrganization.href(), "newGroup": Paths.newGroup.href(),
        "listings": Paths.listings.href(), "newListing": Paths.newListing.href(), "introductions": Paths.introductions.href(),
        "concepts": Paths.concepts.href(),
        "suggestions": Paths.suggestions.href(), "exchange": Paths.exchange.href(), "mentions": Paths.mentions.href(),
        "exchangeSearch": Paths.exchangeSearch.href(), "funnel": Paths.funnel.href(), "bulkMatching": Paths.bulkMatching.href(),
        "slackImport": Paths.slackImport.href(), "communityArchive": Paths.communityArchive.href(),
        "notifications": Paths.notifications.href(), "notificationPreferences": Paths.notificationPreferences.href(),
        "mailOutbox": Paths.mailOutbox.href(), "dashboard": Paths.dashboard.href(), "peopleCSV": Paths.peopleCSV.href(),
        "passwordReset": Paths.passwordReset.href(),
        "events": Paths.events.href(), "eventsCalendar": Paths.eventsCalendar.href(), "calendarFeedSettings": Paths.calendarFeedSettings.href(),
        "bulletins": Paths.bulletins.href(),
        "newBulletin": Paths.newBulletin.href(),
        "fundingCalls": Paths.fundingCalls.href(),
    ]

    /// A redirect after a change, with the notice that says what was done in the query, before
    /// any fragment (`/exchange/channels/12?notice=message_deleted#m30`: after the `#` a
    /// browser keeps it to itself).
    func redirect(_ location: String, notice: String? = nil) -> Response {
        guard let notice else { return Response(status: .seeOther, headers: [.location: location]) }
        let (path, fragment) = location.firstIndex(of: "#").map { (String(location[..<$0]), String(location[$0...])) } ?? (location, "")
        return Response(status: .seeOther, headers: [.location: path + (path.contains("?") ? "&" : "?") + "notice=" + notice + fragment])
    }

    /// Messages for a form's problems, by field, in the reader's language.
    func problems(_ error: MusubiError, _ context: MusubiRequestContext) -> [String: String] {
        switch error {
        case .invalid(let problems):
            var result: [String: String] = [:]
            for problem in problems where result[problem.field] == nil {
                result[problem.field] = t(problem.key, context)
            }
            return result
        case .conflict(let key):
            return ["form": t(key, context)]
        case .rateLimited:
            return ["form": t("error.rate_limited", context)]
        default:
            return ["form": t("error.generic", context)]
        }
    }

    /// A day typed as 2026-12-31, as the moment it starts where the community is.
    func day(_ text: String) -> Date? {
        dayFormatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }

    /// The last second of a day typed as 2026-12-31: a listing that expires on a day is
    /// listed through it.
    func endOfDay(_ text: String) -> Date? {
        day(text).map { $0.addingTimeInterval(24 * 3600 - 1) }
    }

    /// A moment typed in a `datetime-local` field (2026-12-31T17:00), where the community is.
    func moment(_ text: String) -> Date? {
        momentFormatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }

    /// A moment as a `datetime-local` field wants it.
    func momentValue(_ date: Date) -> String {
        momentFormatter.string(from: date)
    }

    private var momentFormatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = configuration.timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        formatter.isLenient = false
        return formatter
    }

    /// A day as a date field wants it: 2026-12-31.
    func dayValue(_ date: Date) -> String {
        dayFormatter.string(from: date)
    }

    private var dayFormatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = configuration.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.isLenient = false
        return formatter
    }

    func formatDate(_ date: Date, _ context: MusubiRequestContext, withTime: Bool = false) -> String {
        configuration.formatDate(date, context.language, withTime: withTime)
    }
}
