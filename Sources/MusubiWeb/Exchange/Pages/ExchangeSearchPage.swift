import Foundation
import MusubiCore

/// The exchange's search: the form, and the messages and files found, each with the
/// matched words marked.
struct ExchangeSearchPage: PageModel {
    var sidebar: ExchangeSidebar?
    var q: String
    var relevance: Bool
    var searched: Bool
    var error: String?
    var count: String?
    var notices: [String]
    var rows: [Row]
    var pager: Pager
    var rankedNote: String?

    struct Row {
        var channel: String
        var channelHref: String
        var href: String
        var author: String
        var byApp: Bool
        var at: String
        var inThread: Bool
        var segments: [SearchMatches.Segment]
        var files: [File]
        var testID: String
    }

    struct File {
        var href: String
        var segments: [SearchMatches.Segment]
    }
}
