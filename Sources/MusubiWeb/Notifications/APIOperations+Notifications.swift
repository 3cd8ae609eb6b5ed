import Hummingbird
import MusubiCore

extension APIHandlers {
    /// One's notifications and how each kind reaches one.
    var notificationOperations: [APIOperation] {
        [
            .init(
                method: .get, path: .init("/api/v1/notifications"), id: "listNotifications",
                summary: "One's notifications, newest first (unread=true: only those not read), with the unread count",
                access: .signedIn, query: [.boolean("unread")] + QueryParameter.paging, responseSchema: "NotificationPage", handler: notifications),
            .init(
                method: .post, path: .init("/api/v1/notifications/read"), id: "markNotificationsRead",
                summary: "Mark the named notifications read, or all of them when no ids are given", access: .signedIn,
                requestSchema: "NotificationsReadInput", responseSchema: "NotificationsRead", handler: markNotificationsRead),
            .init(
                method: .get, path: .init("/api/v1/me/notification-preferences"), id: "getNotificationPreferences",
                summary: "How each kind of notification reaches one", access: .signedIn, responseSchema: "NotificationPreferences",
                handler: notificationPreferences),
            .init(
                method: .put, path: .init("/api/v1/me/notification-preferences"), id: "setNotificationPreferences",
                summary: "Choose how kinds of notification reach one (kinds not named keep their way)", access: .signedIn,
                requestSchema: "NotificationPreferences", responseSchema: "NotificationPreferences", handler: setNotificationPreferences),
        ]
    }
}
