import Hummingbird
import MusubiCore

/// For the pages: who is signed in, from the session cookie, and the CSRF token their forms
/// must carry (a visitor gets a cookie of their own), and the count on their bell. The API
/// never reads the cookie.
struct PageSessionMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let secret = request.cookies[Cookies.session]?.value, !secret.isEmpty,
            let found = try await site.accounts.session(cookieSecret: secret)
        {
            context.session = found.session
            context.actor = found.actor
            context.csrfToken = found.session.csrfToken
            // Only a page shows the bell; a form's post is answered with a redirect.
            if request.method == .get {
                context.unreadNotifications = try await site.notifications.unreadCount(found.actor)
                context.waitingApplications = try await site.people.waitingApplications(found.actor)
            }
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
