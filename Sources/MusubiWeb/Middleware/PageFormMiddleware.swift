import Hummingbird
import MusubiCore

/// Every posted page form carries the CSRF token of its session (or, before signing in, of
/// the visitor's cookie). The form is read here, once, and handed to the handler. Only the
/// routes of an upload group take `multipart/form-data`: their files are streamed into a
/// folder of the request's, up to the group's limit, and removed when the request ends.
struct PageFormMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    /// The most bytes a form with files may have here, for the person posting it; nil: this
    /// group takes no files.
    let uploadLimit: (@Sendable (Requester) -> Int)?
    let uploads: UploadArea

    init(uploadLimit: (@Sendable (Requester) -> Int)? = nil, uploads: UploadArea) {
        self.uploadLimit = uploadLimit
        self.uploads = uploads
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        var context = context
        guard let boundary = request.headers[.contentType].flatMap(MultipartForm.boundary) else {
            context.form = try await FormData.body(of: request)
            try checkToken(context)
            return try await next(request, context)
        }
        // Files come only from people signed in, and only where a route takes them.
        guard let uploadLimit, context.actor != .anonymous else { throw HTTPError(.unsupportedMediaType) }
        return try await UploadFolder.with(in: uploads) { folder in
            let multipart = try await MultipartForm.read(request, boundary: boundary, limit: uploadLimit(context.actor), into: folder)
            (context.form, context.files) = (multipart.fields, multipart.files)
            try checkToken(context)
            return try await next(request, context)
        }
    }

    private func checkToken(_ context: Context) throws {
        guard !context.csrfToken.isEmpty, constantTimeEqual(context.form["_csrf"], context.csrfToken) else {
            throw HTTPError(.forbidden, message: "csrf")
        }
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// How large a form with files may be.
enum UploadLimits {
    /// The most bytes of files a page form or an API message may carry, and some room.
    static let files = max(ListingAttachments.sizeLimit, Exchange.fileLimits.size) + 1024 * 1024
    /// A Slack export uploaded by an admin (larger ones go through `musubi import slack`);
    /// anyone else is held to the usual limit before their upload is refused.
    static let export: @Sendable (Requester) -> Int = { Policy.can($0, .create, .migration) ? 200 * 1024 * 1024 : files }
}
