import Foundation

/// One's channels: the starred ones, the others, and direct conversations.
struct ExchangePage: PageModel {
    var starred: [ChannelRow]
    var channels: [ChannelRow]
    var direct: [ChannelRow]
    var mayCreate: Bool
    /// Nil for a reader who may not browse channels (a guest).
    var browseHref: String?
    var newChannelHref: String
    var directHref: String
    var mentionsHref: String
}
