import Foundation

/// One channel: its messages, the form to post, and what the reader may do with the
/// channel (their seat, its topic, invitations, retention, webhooks).
struct ChannelPage: PageModel {
    var sidebar: ExchangeSidebar?
    var id: Int64
    var title: String
    var kind: String
    var isDirect: Bool
    var topic: String?
    var description: String?
    var memberCount: Int
    /// The search form, narrowed to this channel (direct conversations have no name to narrow by).
    var searchHref: String?
    var filesHref: String
    var messages: [MessageRow]
    var olderHref: String?
    var newestHref: String?
    var postAction: String?
    /// A fresh key in the posting form: the same form sent twice posts once.
    var idempotencyKey: String
    /// A channel's form posts to its timeline, not to a thread (the shared `compose` form asks).
    var rootID: Int64?
    var joinAction: String?
    var leaveAction: String?
    var seat: Seat?
    var about: About?
    var inviteHref: String?
    var retention: Retention?
    /// For admins, on a public channel: whether new members are seated in it.
    var announcement: Announcement?
    var webhooks: Webhooks?
    var body: String
    var errors: [String: String]
    var mentionCheck: MentionCheckBox?
    var live: LiveFeed

    struct Seat {
        var action: String
        var starred: Bool
        var muted: Bool
        var levels: [Option]
    }
    struct About {
        var action: String
        var topic: String
        var description: String
    }
    struct Retention {
        var action: String
        var days: String
    }
    struct Announcement {
        var action: String
        var isOn: Bool
    }
    struct Webhooks {
        var action: String
        var rows: [WebhookRow]
        /// The URL of the webhook just created: shown this once.
        var createdURL: String?
    }
    struct WebhookRow {
        var name: String
        var created: String
        var lastUsed: String?
        var revokeAction: String?
        var testID: String
    }
}
