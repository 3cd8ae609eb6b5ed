import Foundation

/// The form to apply to join, and the thanks once sent (`done`).
struct ApplyPage: PageModel {
    var values: [String: String]
    var errors: [String: String]
    var organizations: [Option]
    var done: Bool
}
