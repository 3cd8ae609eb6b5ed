import Foundation

/// The messages that mention the reader, newest first.
struct MentionsPage: PageModel {
    var sidebar: ExchangeSidebar?
    var rows: [Row]
    var pager: Pager

    struct Row {
        var channel: String
        var href: String
        var author: String
        var byApp: Bool
        var at: String
        var html: String
    }
}
