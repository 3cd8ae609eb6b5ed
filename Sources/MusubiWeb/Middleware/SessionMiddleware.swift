import Hummingbird
import MusubiCore

/// Works out who is asking and in which language. Pages read the session cookie; the API
/// reads a personal token (`Authorization: Bearer …`) and never the cookie, so a page on
/// another site cannot make the API act for a signed-in person.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasPrefix(Paths.assets.template + "/") { return try await next(request, context) }
        var context = context
        context.remoteAddress = ClientAddress.resolve(
            peer: context.remoteAddress, forwardedFor: request.headers[ClientAddress.forwardedForHeader], trustedProxies: site.configuration.trustedProxies
        )
        context.isAPI = request.uri.path.hasPrefix("/api/")
        context.language = UILanguage(rawValue: request.cookies[Cookies.language]?.value ?? "") ?? site.configuration.defaultLanguage
        if context.isAPI {
            if let token = request.bearerToken {
                guard let actor = try await site.accounts.actor(apiToken: token), actor != .anonymous else {
                    return APIError(status: .unauthorized, code: "error.unauthenticated", message: site.t("error.unauthenticated", context), problems: []).response()
                }
                context.actor = actor
            }
            return try await next(request, context)
        }
        if let secret = request.cookies[Cookies.session]?.value, !secret.isEmpty,
           let found = try await site.accounts.session(cookieSecret: secret) {
            context.session = found.session
            context.actor = found.actor
            context.csrfToken = found.session.csrfToken
        } else if let visitorToken = request.cookies[Cookies.visitorCSRF]?.value, visitorToken.count >= 32 {
            context.csrfToken = visitorToken
        } else {
            let token = site.secrets.newSecret()
            context.csrfToken = token
            context.newVisitorCSRF = token
        }
        var response = try await next(request, context)
        if let token = context.newVisitorCSRF {
            response.setCookie(site.cookie(Cookies.visitorCSRF, token))
        }
        return response
    }
}

extension Site {
    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
