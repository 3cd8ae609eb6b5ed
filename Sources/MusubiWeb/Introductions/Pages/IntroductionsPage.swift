import Foundation

/// The introductions one asked for or was asked about, and for coordinators the queue and
/// everything, a tab each.
struct IntroductionsPage: PageModel {
    var tabs: [Tab]
    var rows: [Row]
    var pager: Pager

    struct Row {
        var href: String
        var requester: String
        var recipient: String
        var status: String
        var statusKey: String
        var requested: String
    }
}
