import Foundation
import Hummingbird
import MusubiCore

/// The bell's page, marking read, the choices of how each kind arrives, and the mail's
/// unsubscribe link.
struct NotificationHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func list(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let unreadOnly = query["unread"] == "1"
        let page = try await site.notifications.list(
            context.actor, unreadOnly: unreadOnly, page: PageRequest(number: try query.int("page") ?? 1, size: 30))
        let text = NoticeText(catalog: site.catalog, language: context.language)
        let views = Views(site: site, context: context, tree: FieldTree([]))
        let model = NotificationsPage(
            rows: page.items.map { notification in
                .init(
                    id: notification.id, headline: text.headline(notification.notice, actorName: notification.actorName),
                    excerpt: notification.notice.excerpt, href: NoticeText.path(notification.notice.target),
                    at: site.formatDate(notification.createdAt, context, withTime: true), unread: !notification.isRead)
            },
            pager: views.pager(page, path: Paths.notifications.href(), query: query, keys: ["unread"]),
            unreadOnly: unreadOnly, allHref: Paths.notifications.href(), unreadHref: Paths.notifications.href() + "?unread=1",
            readHref: Paths.notificationsRead.href(), hasUnread: (context.unreadNotifications ?? 0) > 0)
        return site.render(model, title: site.t("notifications.title", context), request, context)
    }

    /// Marks the notifications named by `id` read, or all of them when none is named.
    func markRead(_ request: Request, _ context: Context) async throws -> Response {
        let ids = try context.form.all("id").map { text -> Int64 in
            guard let id = Int64(text) else { throw MusubiError.invalid("id", "error.whole_number") }
            return id
        }
        try await site.notifications.markRead(context.actor, ids: ids.isEmpty ? nil : ids)
        let back = context.form.optional("back").flatMap(LocalPath.checked) ?? Paths.notifications.href()
        return site.redirect(back)
    }

    func preferencesForm(_ request: Request, _ context: Context) async throws -> Response {
        let preferences = try await site.notifications.preferences(context.actor)
        let wantsDigest = try await site.notifications.wantsDigest(context.actor)
        let model = NotificationPreferencesPage(
            kinds: preferences.map { kind, delivery in
                .init(
                    name: kind.rawValue, label: site.t("notification_kind." + kind.rawValue, context),
                    hint: site.t("notification_kind_hint." + kind.rawValue, context),
                    options: NotificationDelivery.allCases.map {
                        Option(value: $0.rawValue, label: site.t("notification_delivery." + $0.rawValue, context), selected: $0 == delivery)
                    })
            },
            digest: .init(
                name: Self.digestField, label: site.t("digest.preference", context), hint: site.t("digest.preference_hint", context),
                options: [
                    Option(value: "on", label: site.t("digest.receive", context), selected: wantsDigest),
                    Option(value: "off", label: site.t("digest.refuse", context), selected: !wantsDigest),
                ]),
            digestHref: Paths.digest.href(), action: Paths.notificationPreferences.href())
        return site.render(model, title: site.t("notifications.preferences_title", context), request, context)
    }

    /// The preference form's field for the weekly digest: `on` or `off`.
    static let digestField = "weekly_digest"

    func savePreferences(_ request: Request, _ context: Context) async throws -> Response {
        var choices: [NotificationKind: NotificationDelivery] = [:]
        for kind in NotificationKind.allCases {
            guard let value = context.form.optional(kind.rawValue) else { continue }
            guard let delivery = NotificationDelivery(rawValue: value) else { throw MusubiError.invalid(kind.rawValue, "error.choice") }
            choices[kind] = delivery
        }
        try await site.notifications.setPreferences(context.actor, choices)
        switch context.form.optional(Self.digestField) {
        case nil: break
        case "on": try await site.notifications.setWantsDigest(context.actor, true)
        case "off": try await site.notifications.setWantsDigest(context.actor, false)
        default: throw MusubiError.invalid(Self.digestField, "error.choice")
        }
        return site.redirect(Paths.notificationPreferences.href(), notice: "preferences_saved")
    }

    func unsubscribeForm(_ request: Request, _ context: Context) async throws -> Response {
        let token = try context.parameters.require("token")
        let topic = try site.notifications.unsubscribeLink(token)
        let model = UnsubscribePage(
            kind: site.t("notification_kind." + topic.rawValue, context), action: Paths.unsubscribe.href(token),
            done: (try FormData.query(of: request))["done"] == "1", settingsHref: Paths.notificationPreferences.href())
        return site.render(model, title: site.t("unsubscribe.title", context), request, context)
    }

    /// The one-click POST (RFC 8058) a mail program sends, or the page's button: no session,
    /// no CSRF token (the signed token is the proof), and nothing a stranger could do but stop
    /// someone's mail of one kind with a link only that person received.
    func unsubscribe(_ request: Request, _ context: Context) async throws -> Response {
        let token = try context.parameters.require("token")
        try await site.notifications.unsubscribe(token)
        return site.redirect(Paths.unsubscribe.href(token) + "?done=1")
    }
}
