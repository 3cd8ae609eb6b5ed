/// A forgotten password: the address to send a link to, or word that it was sent.
struct PasswordResetPage: PageModel {
    var email: String
    var error: String?
    var sent: Bool
}

/// A one-time link that can no longer be used: why, and what to do instead.
struct LinkGonePage: PageModel {
    var reason: String
    var resetHref: String
    var signInHref: String
}
