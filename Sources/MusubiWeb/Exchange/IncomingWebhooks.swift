import Foundation
import Hummingbird
import Logging
import MusubiCore

/// `POST /api/hooks/{secret}`: Slack's incoming webhooks, answered as Slack answers them, in
/// plain text — `ok`, or `no_service` (404) for an unknown or revoked secret, and
/// `invalid_payload`, `no_text` or `msg_too_long` (400) for what cannot be posted. The body
/// is Slack's JSON, or a form with that JSON in `payload`. The secret is in the path: this
/// handler answers every error itself and logs none with the path (a proxy's access log in
/// front of Musubi will still see it, as with Slack's own URLs).
struct IncomingWebhooks: Sendable {
    let site: Site

    func receive(_ request: Request, _ context: MusubiRequestContext) async throws -> Response {
        let secret = context.parameters.get("secret") ?? ""
        do {
            let payload = try await Self.payload(of: request)
            _ = try await site.exchange.post(webhookSecret: secret, payload: payload)
            return Self.answer(.ok, "ok")
        } catch MusubiError.notFound {
            return Self.answer(.notFound, "no_service")
        } catch MusubiError.invalid(let problems) {
            let keys = Set(problems.map(\.key))
            if keys.contains("error.required") { return Self.answer(.badRequest, "no_text") }
            if keys.contains("error.too_long") && problems.contains(where: { $0.field == "body" }) { return Self.answer(.badRequest, "msg_too_long") }
            return Self.answer(.badRequest, "invalid_payload")
        } catch let error as HTTPError where error.status.code < 500 {
            return Self.answer(.badRequest, "invalid_payload")
        } catch {
            context.logger.error("incoming webhook failed", metadata: ["error": "\(String(reflecting: error))"])
            return Self.answer(.internalServerError, "internal_error")
        }
    }

    /// The JSON sent, read whole up to the limit (anything longer is refused). A form body
    /// that is JSON itself, as `curl -d '{"text": "…"}'` sends it, is read as JSON, as Slack
    /// reads it; any other form carries the JSON in `payload`.
    static func payload(of request: Request) async throws -> Data {
        let limit = Exchange.webhookLimits.payload
        let body = Data(try await request.collectBody(upTo: limit).readableBytesView)
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return body }
        if body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") { return body }
        let form = try FormData(encoded: body)
        return Data(form["payload"].utf8)
    }

    private static func answer(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
