import Foundation

/// The form to edit one's message.
struct MessageEditPage: PageModel {
    var action: String
    var body: String
    var backHref: String
    var errors: [String: String]
}
