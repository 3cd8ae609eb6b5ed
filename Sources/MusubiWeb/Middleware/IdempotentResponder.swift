import Crypto
import HTTPTypes
import Hummingbird
import MusubiCore
import NIOCore

/// Answers a request sent with an idempotency key through `IdempotentRequests`: its work is
/// done once, and the first answer (status, type, location and body) is given again to a
/// retry, marked `Idempotent-Replayed: true`. API operations read the key from the
/// `Idempotency-Key` header, and a key sent again with another body is a conflict (the body's
/// digest is part of what the key was used for); page forms carry one in a hidden
/// `idempotencyKey` field, and their bodies were read before.
struct IdempotentResponder {
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    let requests: IdempotentRequests

    func respond(
        key: String, _ request: Request, _ context: MusubiRequestContext,
        _ handler: (Request, MusubiRequestContext) async throws -> Response
    ) async throws -> Response {
        try await respond(key: key, request, context, identity: "\(request.method.rawValue) \(request.uri.path)", handler)
    }

    /// As `respond`, with the body (read whole, up to `limit` bytes) part of the request's
    /// identity.
    func respond(
        key: String, _ request: Request, _ context: MusubiRequestContext, bodyUpTo limit: Int,
        _ handler: (Request, MusubiRequestContext) async throws -> Response
    ) async throws -> Response {
        let body = try await request.collectBody(upTo: limit)
        var request = request
        request.body = RequestBody(buffer: body) // for the handler, which reads it again
        let digest = SHA256.hash(data: body.readableBytesView).map { String($0, radix: 16) }.joined()
        return try await respond(key: key, request, context, identity: "\(request.method.rawValue) \(request.uri.path) \(digest)", handler)
    }

    private func respond(
        key: String, _ request: Request, _ context: MusubiRequestContext, identity: String,
        _ handler: (Request, MusubiRequestContext) async throws -> Response
    ) async throws -> Response {
        let (answer, replayed) = try await requests.once(context.actor, key: key, request: identity) {
            try await Self.answer(try await handler(request, context))
        }
        var response = Self.response(answer)
        if replayed { response.headers[Self.replayed] = "true" }
        return response
    }

    static func answer(_ response: Response) async throws -> IdempotentRequests.Answer {
        let collected = Collected()
        try await response.body.write(Collector(into: collected))
        return IdempotentRequests.Answer(
            status: response.status.code, contentType: response.headers[.contentType], location: response.headers[.location],
            body: String(buffer: collected.buffer))
    }

    static func response(_ answer: IdempotentRequests.Answer) -> Response {
        var headers = HTTPFields()
        if let type = answer.contentType { headers[.contentType] = type }
        if let location = answer.location { headers[.location] = location }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: answer.body)))
    }

    private final class Collected: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    private struct Collector: ResponseBodyWriter {
        let into: Collected
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            into.buffer.writeBuffer(&buffer)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
