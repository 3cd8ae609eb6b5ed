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
        JSON.response(try await preferencesDTO(context))
    }

    func setNotificationPreferences(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode([String: NotificationDelivery].self, from: request)
        var choices: [NotificationKind: NotificationDelivery] = [:]
        var wantsDigest: Bool?
        for (name, delivery) in input {
            switch MailTopic(rawValue: name) {
            case .kind(let kind): choices[kind] = delivery
            case .weeklyDigest where delivery == .mail || delivery == .off: wantsDigest = delivery == .mail
            default: throw MusubiError.invalid(name, "error.value_not_allowed")
            }
        }
        try await site.notifications.setPreferences(context.actor, choices)
        if let wantsDigest { try await site.notifications.setWantsDigest(context.actor, wantsDigest) }
        return JSON.response(try await preferencesDTO(context))
    }

    /// Each kind's way, and the weekly digest's (`mail` or `off`).
    private func preferencesDTO(_ context: Context) async throws -> NotificationPreferencesDTO {
        var dto = Dictionary(uniqueKeysWithValues: try await site.notifications.preferences(context.actor).map { ($0.kind.rawValue, $0.delivery) })
        dto[MailTopic.weeklyDigest.rawValue] = try await site.notifications.wantsDigest(context.actor) ? .mail : .off
        return dto
    }
}
