import Hummingbird
import MusubiCore

/// For the JSON API: who is asking, from a personal token (`Authorization: Bearer …`) and
/// never from the session cookie, so a page on another site cannot make the API act for a
/// signed-in person; hence no CSRF token either. Without a token the caller is anonymous.
struct APITokenMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.bearerToken {
            guard let actor = try await site.accounts.actor(apiToken: token), actor != .anonymous else {
                return APIError(status: .unauthorized, code: "error.unauthenticated", message: site.t("error.unauthenticated", context), problems: [])
                    .response()
            }
            context.actor = actor
        }
        return try await next(request, context)
    }
}
