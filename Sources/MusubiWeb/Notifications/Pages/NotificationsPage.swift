/// The bell's page: the person's notifications, newest first, unread ones marked.
struct NotificationsPage: PageModel {
    var rows: [Row]
    var pager: Pager
    var unreadOnly: Bool
    var allHref: String
    var unreadHref: String
    var readHref: String
    var hasUnread: Bool

    struct Row {
        var id: Int64
        var headline: String
        var excerpt: String
        var href: String
        var at: String
        var unread: Bool
    }
}

/// How each kind of notification reaches the person.
struct NotificationPreferencesPage: PageModel {
    var kinds: [Kind]
    /// Whether the weekly digest comes at all.
    var digest: Kind
    var digestHref: String
    var action: String

    struct Kind {
        var name: String
        var label: String
        var hint: String
        var options: [Option]
    }
}

/// A mail's one-click link, opened in a browser: what it stops, and the button that does.
struct UnsubscribePage: PageModel {
    var kind: String
    var action: String
    var done: Bool
    var settingsHref: String
}
