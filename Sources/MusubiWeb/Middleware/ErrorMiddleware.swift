import Foundation
import Hummingbird
import Logging
import MusubiCore

/// Turns what went wrong into the answer a person or a program should get: a page or a JSON
/// error with a clear message and a 4xx status. Anything unexpected is logged and becomes a
/// plain 500 that reveals nothing; every 5xx is logged with the request's id and its cause.
/// Each page group has one inside its authentication, so error pages know who is reading;
/// the API group has one outside its token check, which answers in JSON whatever fails; the
/// router has one outside everything, for an address no route answers ("no such page", told
/// apart from a thing that is not found) and for failures before a group's own.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = MusubiRequestContext
    let site: Site
    /// Answers in JSON: the API group's.
    var speaksJSON = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as MusubiError {
            if case .unauthenticated = error, !speaksJSON, !request.asksForOutcome, request.method == .get {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return site.redirect(Paths.signIn.href() + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            let (status, key) = Self.describe(error)
            var message = site.t(key, context)
            if case .invalid(let problems) = error {
                message += " " + problems.map { site.t($0.key, context) }.joined(separator: " ")
            }
            var response = respond(status: status, message: message, code: key, problems: error, request, context)
            if case .rateLimited(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
            if case .busy(let seconds) = error {
                response.headers[.retryAfter] = String(seconds)
                context.logger.notice("a change waited too long for the database", metadata: ["path": "\(request.uri.path)"])
            }
            return response
        } catch let error as MalformedInput {
            return respond(
                status: .badRequest, message: site.t("error.bad_request", context), code: "error.bad_request", problems: error.problems, request,
                context)
        } catch let error as HTTPError {
            if error.status.code >= 500 { log(error, request, context) }
            let key = error.status == .notFound && context.endpointPath == Self.unrouted ? "error.no_such_page" : Self.key(for: error)
            var response = respond(status: error.status, message: site.t(key, context), code: key, problems: nil, request, context)
            response.headers.append(contentsOf: error.headers) // `Allow` of a 405
            // A body refused for its size is left unread: the connection cannot go on.
            if error.status == .contentTooLarge { response.headers[.connection] = "close" }
            return response
        } catch {
            log(error, request, context)
            return respond(
                status: .internalServerError, message: site.t("error.internal", context), code: "error.internal", problems: nil, request, context)
        }
    }

    /// The request's id is in the logger's metadata; a webhook's path is its secret.
    private func log(_ error: any Error, _ request: Request, _ context: Context) {
        let path =
            request.uri.path.hasPrefix(Paths.incomingWebhook.template.replacingOccurrences(of: "{secret}", with: ""))
            ? "/api/hooks/…" : request.uri.path
        context.logger.error(
            "request failed", metadata: ["method": "\(request.method)", "path": "\(path)", "error": "\(String(reflecting: error))"])
    }

    static func describe(_ error: MusubiError) -> (HTTPResponse.Status, String) {
        switch error {
        case .invalid: (.unprocessableContent, "error.invalid")
        case .notFound: (.notFound, "error.not_found")
        case .forbidden: (.forbidden, "error.forbidden")
        case .unauthenticated: (.unauthorized, "error.unauthenticated")
        case .conflict(let key): (.conflict, key)
        case .rateLimited: (.tooManyRequests, "error.rate_limited")
        case .busy: (.serviceUnavailable, "error.busy")
        }
    }

    static func key(for error: HTTPError) -> String {
        switch error.status {
        case .notFound: "error.not_found"
        case .forbidden: error.body == "csrf" ? "error.csrf" : "error.forbidden"
        case .contentTooLarge: "error.too_large"
        case .methodNotAllowed: "error.method"
        case .unsupportedMediaType: "error.media_type"
        default: error.status.code < 500 ? "error.bad_request" : "error.internal"
        }
    }

    /// What the router calls the endpoint of a request no route answers.
    static let unrouted = "NotFound"
    /// Where the programs' addresses are (the API, its document, webhooks).
    static let apiPrefix = "/api/"

    private func respond(status: HTTPResponse.Status, message: String, code: String, problems: MusubiError?, _ request: Request, _ context: Context)
        -> Response
    {
        // An address under the API that no route answers is still answered in JSON, and so is
        // a page's script that sent a form.
        if speaksJSON || request.asksForOutcome || (context.endpointPath == Self.unrouted && request.uri.path.hasPrefix(Self.apiPrefix)) {
            return APIError(status: status, code: code, message: message, problems: problems.map { site.apiProblems($0, context) } ?? []).response()
        }
        return site.render(ErrorPage(status: String(status.code), message: message), title: message, request, context, status: status)
    }
}

extension MusubiError {
    /// Errors a form shows beside its fields, rather than on an error page.
    var belongsOnTheForm: Bool {
        switch self {
        case .invalid, .conflict: true
        default: false
        }
    }
}
