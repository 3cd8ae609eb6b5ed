import Hummingbird
import MusubiCore

/// For every request, routed or not: the client's address (behind a trusted proxy, the one
/// it forwarded for) and the language the reader chose.
struct ClientMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.remoteAddress = ClientAddress.resolve(
            peer: context.remoteAddress, forwardedFor: request.headers[ClientAddress.forwardedForHeader],
            trustedProxies: site.configuration.trustedProxies
        )
        context.language = UILanguage(rawValue: request.cookies[Cookies.language]?.value ?? "") ?? site.configuration.defaultLanguage
        return try await next(request, context)
    }
}
