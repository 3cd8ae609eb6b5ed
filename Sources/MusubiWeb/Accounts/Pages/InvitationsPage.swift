import Foundation

/// The form to invite someone, and the link of the invitation just made.
struct InvitationsPage: PageModel {
    var roles: [Option]
    var organizations: [Option]
    var values: [String: String]
    var errors: [String: String]
    var link: String?
    var expires: String?
    /// Where the link was mailed.
    var mailedTo: String?
    var open: [OpenInvitation]
    var pager: Pager

    /// An invitation sent and waiting to be used.
    struct OpenInvitation {
        var email: String
        var role: String
        var sent: String
        var expires: String
        var resendHref: String
        var revokeHref: String
    }
}
