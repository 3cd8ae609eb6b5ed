import Hummingbird
import MusubiCore

/// A request waits for the database at most the configured time; then it is answered 503 with
/// Retry-After rather than kept waiting behind a long import or for an unreachable server.
struct DatabasePatienceMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    let limit: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await DatabasePatience.$limit.withValue(limit) { try await next(request, context) }
    }
}
