import Foundation

/// A message and its replies, with the form to reply.
struct ThreadPage: PageModel {
    var sidebar: ExchangeSidebar?
    var channelTitle: String
    var channelHref: String
    var root: [MessageRow]
    var replies: [MessageRow]
    var postAction: String?
    /// A fresh key in the posting form: the same form sent twice posts once.
    var idempotencyKey: String
    var rootID: Int64
    var body: String
    var errors: [String: String]
    var mentionCheck: MentionCheckBox?
    var live: LiveFeed
}
