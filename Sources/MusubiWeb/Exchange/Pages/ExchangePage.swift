import Foundation

/// One's channels: the starred ones, the others, and direct conversations.
struct ExchangePage: PageModel {
    /// The reader, for the script that counts what arrives for them.
    var me: Int64
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
