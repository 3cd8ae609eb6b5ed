import Foundation

/// The form to invite someone, and the link of the invitation just made.
struct InvitationsPage: PageModel {
    var roles: [Option]
    var organizations: [Option]
    var values: [String: String]
    var errors: [String: String]
    var link: String?
    var expires: String?
}
