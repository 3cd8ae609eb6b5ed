import Foundation

/// The form to upload a Slack export.
struct SlackImportPage: PageModel {
    var errors: [String: String]
    var limitMB: Int
}
