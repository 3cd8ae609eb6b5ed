import Foundation
import Hummingbird
import MusubiCore

/// The API for one's notifications.
extension APIHandlers {
    /// The most ids one request marks read.
    static let notificationsReadLimit = 500

    func notifications(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let page = try await site.notifications.list(context.actor, unreadOnly: query["unread"] == "true", page: Self.pageRequest(query, size: 30))
        let text = NoticeText(catalog: site.catalog, language: context.language)
        let items = page.items.map { notification in
            let notice = notification.notice
            return NotificationDTO(
                id: notification.id, kind: notice.kind, step: notice.step, text: text.headline(notice, actorName: notification.actorName),
                actorId: notice.actorID, actorName: notification.actorName, subject: notice.subject, excerpt: notice.excerpt,
                path: NoticeText.path(notice.target), createdAt: notification.createdAt, read: notification.isRead)
        }
        return JSON.response(
            NotificationPageDTO(
                items: items, total: page.total, page: page.request.number, pageSize: page.request.size,
                unread: try await site.notifications.unreadCount(context.actor) ?? 0))
    }

    func markNotificationsRead(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(NotificationsReadInput.self, from: request)
        if let ids = input.ids, ids.count > Self.notificationsReadLimit { throw MusubiError.invalid("ids", "error.too_many") }
        let marked = try await site.notifications.markRead(context.actor, ids: input.ids)
        return JSON.response(NotificationsReadDTO(marked: marked, unread: try await site.notifications.unreadCount(context.actor) ?? 0))
    }

    func notificationPreferences(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(preferencesDTO(try await site.notifications.preferences(context.actor)))
    }

    func setNotificationPreferences(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode([String: NotificationDelivery].self, from: request)
        var choices: [NotificationKind: NotificationDelivery] = [:]
        for (name, delivery) in input {
            guard let kind = NotificationKind(rawValue: name) else { throw MusubiError.invalid(name, "error.value_not_allowed") }
            choices[kind] = delivery
        }
        try await site.notifications.setPreferences(context.actor, choices)
        return JSON.response(preferencesDTO(try await site.notifications.preferences(context.actor)))
    }

    private func preferencesDTO(_ preferences: [(kind: NotificationKind, delivery: NotificationDelivery)]) -> NotificationPreferencesDTO {
        Dictionary(uniqueKeysWithValues: preferences.map { ($0.kind.rawValue, $0.delivery) })
    }
}
