import Hummingbird
import MusubiCore

/// A request's changes wait for the database's writer at most the configured time; then the
/// request is answered 503 with Retry-After rather than kept waiting behind a long import.
struct WriterPatienceMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    let limit: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await WriterPatience.$limit.withValue(limit) { try await next(request, context) }
    }
}
