import Hummingbird
import MusubiCore

/// Every posted page form carries the CSRF token of its session (or, before signing in,
/// of the visitor's cookie). The form is read here, once, and handed to the handler, with
/// its files when it is `multipart/form-data`.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !context.isAPI, request.method != .get, request.method != .head else {
            return try await next(request, context)
        }
        var context = context
        if let boundary = request.headers[.contentType].flatMap(MultipartForm.boundary) {
            // Files come only from people signed in; a visitor's form is small.
            guard context.actor != .anonymous else { throw HTTPError(.unsupportedMediaType) }
            let takesExport = request.uri.path == Paths.slackImport.href() && Policy.can(context.actor, .create, .migration)
            let limit = takesExport ? Self.exportUploadLimit : Self.uploadLimit
            let multipart = try await MultipartForm.body(of: request, boundary: boundary, limit: limit)
            (context.form, context.files) = (multipart.fields, multipart.files)
        } else {
            context.form = try await FormData.body(of: request)
        }
        guard !context.csrfToken.isEmpty, constantTimeEqual(context.form["_csrf"], context.csrfToken) else {
            throw HTTPError(.forbidden, message: "csrf")
        }
        return try await next(request, context)
    }

    /// The largest form with files a page takes: the most bytes of files a form may carry, and
    /// some room.
    static let uploadLimit = max(ListingAttachments.sizeLimit, Exchange.fileLimits.size) + 1024 * 1024

    /// A Slack export uploaded by an admin (larger ones go through `musubi import slack`).
    static let exportUploadLimit = 200 * 1024 * 1024

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
