import Foundation

/// A sign-in link just issued for a member, shown this once.
struct SignInLinkPage: PageModel {
    var lead: String
    var link: String
    var expires: String
    var backHref: String
}
