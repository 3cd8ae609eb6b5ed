import Foundation

/// The public channels one may join, searched by name.
struct ChannelBrowserPage: PageModel {
    var sidebar: ExchangeSidebar?
    var term: String
    var rows: [ChannelRow]
    var pager: Pager
}
