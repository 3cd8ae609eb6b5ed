import Foundation

/// The form in which a member edits their own profile.
struct ProfileEditPage: PageModel {
    var values: [String: String]
    var errors: [String: String]
    var fields: [Option]
    var languages: [Option]
}
