import Foundation

/// A channel's files, newest first: previews of images and PDFs, who posted each and when,
/// and the message it came with.
struct ChannelFilesPage: PageModel {
    var sidebar: ExchangeSidebar?
    var title: String
    var channelHref: String
    var rows: [Row]
    var pager: Pager

    struct Row {
        var file: FileRow
        var author: String
        var at: String
        var messageHref: String
        var testID: String
    }
}
