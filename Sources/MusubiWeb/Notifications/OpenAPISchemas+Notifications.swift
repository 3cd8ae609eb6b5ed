import MusubiCore

/// Schemas of notifications.
extension OpenAPISchemas {
    static var notifications: [String: Any] {
        var kinds = Dictionary(uniqueKeysWithValues: NotificationKind.allCases.map { ($0.rawValue, values(NotificationDelivery.self)) })
        // Whether the weekly digest comes at all: mail or off.
        kinds[MailTopic.weeklyDigest.rawValue] = values(NotificationDelivery.self, except: [.inApp, .digest])
        var preferences = object(kinds)
        preferences["additionalProperties"] = false
        return [
            "Notification": object(
                [
                    "id": id, "kind": values(NotificationKind.self), "step": values(Notice.Step.self), "text": string, "actorId": nullableID,
                    "actorName": string, "subject": string, "excerpt": string, "path": string, "createdAt": date, "read": boolean,
                ], required: ["id", "kind", "step", "text", "actorName", "subject", "excerpt", "path", "createdAt", "read"]),
            "NotificationPage": object(
                [
                    "items": ["type": "array", "items": ref("Notification")], "total": count, "page": count, "pageSize": count, "unread": count,
                ], required: ["items", "total", "page", "pageSize", "unread"]),
            "NotificationsReadInput": input(["ids": array(of: id, limit: APIHandlers.notificationsReadLimit)]),
            "NotificationsRead": object(["marked": count, "unread": count], required: ["marked", "unread"]),
            "NotificationPreferences": preferences,
        ]
    }
}
