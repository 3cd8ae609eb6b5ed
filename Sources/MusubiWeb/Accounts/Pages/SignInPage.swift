import Foundation

/// The sign-in form.
struct SignInPage: PageModel {
    var email: String
    var next: String
    var error: String?
    var applyHref: String
    var resetHref: String
}
