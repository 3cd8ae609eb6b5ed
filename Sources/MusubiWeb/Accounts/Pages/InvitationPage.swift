import Foundation

/// The page an invitation's link opens: the form to accept it.
struct InvitationPage: PageModel {
    var lead: String
    /// A link for an existing account asks only for a password.
    var claimsExistingAccount: Bool
    var action: String
    var values: [String: String]
    var errors: [String: String]
}
