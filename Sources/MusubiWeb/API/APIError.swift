import Foundation
import Hummingbird
import MusubiCore

/// The JSON body of every API error: a stable code, a message in the caller's language and,
/// for bad input, one entry per field.
struct APIError {
    struct Problem: Encodable { var field: String; var message: String }
    struct Body: Encodable { var code: String; var message: String; var problems: [Problem] }

    var status: HTTPResponse.Status
    var error: Body

    init(status: HTTPResponse.Status, code: String, message: String, problems: [Problem]) {
        self.status = status
        self.error = Body(code: code, message: message, problems: problems)
    }

    func response() -> Response {
        JSON.response(["error": error], status: status)
    }
}

extension Site {
    func apiProblems(_ error: MusubiError, _ context: MusubiRequestContext) -> [APIError.Problem] {
        guard case .invalid(let problems) = error else { return [] }
        return problems.map { APIError.Problem(field: $0.field, message: t($0.key, context)) }
    }
}

enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a JSON request body; anything malformed is the caller's 400, with the reason.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 256 * 1024) async throws -> T {
        let buffer = try await request.collectBody(upTo: limit)
        guard String(validating: buffer.readableBytesView, as: UTF8.self) != nil else {
            throw HTTPError(.badRequest, message: "The body is not valid UTF-8.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw HTTPError(.badRequest, message: "The body is not the JSON this operation expects.")
        }
    }
}
