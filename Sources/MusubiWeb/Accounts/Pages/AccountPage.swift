import Foundation

/// One's account: the password form and the API tokens.
struct AccountPage: PageModel {
    var tokens: [TokenRow]
    var newToken: String?
    var passwordErrors: [String: String]
    var tokenErrors: [String: String]
    var passwordHref = Paths.password.href()
    var tokensHref = Paths.tokens.href()
    var openAPIHref = Paths.openAPI.href()

    struct TokenRow {
        var name: String
        var prefix: String
        var created: String
        var lastUsed: String
        var revoked: Bool
        var revokeHref: String
    }
}
