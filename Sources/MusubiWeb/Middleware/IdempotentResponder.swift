import HTTPTypes
import Hummingbird
import MusubiCore
import NIOCore

/// Answers a request sent with an idempotency key through `IdempotentRequests`: its work is
/// done once, and the first answer (status, type, location and body) is given again to a
/// retry, marked `Idempotent-Replayed: true`. API operations read the key from the
/// `Idempotency-Key` header; page forms carry one in a hidden `idempotencyKey` field.
struct IdempotentResponder {
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    let requests: IdempotentRequests

    func respond(
        key: String, _ request: Request, _ context: MusubiRequestContext,
        _ handler: (Request, MusubiRequestContext) async throws -> Response
    ) async throws -> Response {
        let (answer, replayed) = try await requests.once(
            context.actor, key: key, request: "\(request.method.rawValue) \(request.uri.path)"
        ) {
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
