/// The admin's view of the mail the installation sends: by state, with the server's answer
/// for what failed and a button to try it again.
struct MailOutboxPage: PageModel {
    var tabs: [Tab]
    var rows: [Row]
    var pager: Pager

    struct Row {
        var to: String
        var subject: String
        var kind: String
        var status: String
        var failed: Bool
        var attempts: Int
        var queuedAt: String
        var sentAt: String
        var lastError: String
        var retryHref: String
    }
}
