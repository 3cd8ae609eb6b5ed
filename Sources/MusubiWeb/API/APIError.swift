import Foundation
import Hummingbird
import MusubiCore

/// The JSON body of every API error: a stable code, a message in the caller's language and,
/// for bad input, one entry per field.
struct APIError {
    struct Problem: Encodable {
        var field: String
        var message: String
    }
    struct Body: Encodable {
        var code: String
        var message: String
        var problems: [Problem]
    }

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

    /// Decodes a JSON request body; anything malformed is the caller's 400, naming the field
    /// when one is missing or of the wrong type. Only JSON as RFC 8259 writes it is read
    /// (`StrictJSON`): what Foundation's decoder would also take is a client's bug to report.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 256 * 1024) async throws -> T {
        let buffer = try await request.collectBody(upTo: limit)
        guard String(validating: buffer.readableBytesView, as: UTF8.self) != nil else {
            throw HTTPError(.badRequest, message: "The body is not valid UTF-8.")
        }
        guard StrictJSON.isValid(buffer.readableBytesView) else { throw HTTPError(.badRequest, message: "The body is not valid JSON.") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            guard let field = field(of: error) else { throw HTTPError(.badRequest, message: "The body is not the JSON this operation expects.") }
            throw MalformedInput(field: field, key: "error.json_field")
        } catch {
            throw HTTPError(.badRequest, message: "The body is not the JSON this operation expects.")
        }
    }

    /// The field a body's JSON gets wrong (`files[0].name`): missing, null, or of another
    /// type; nil when the body as a whole is wrong.
    static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: path = []
        }
        guard !path.isEmpty else { return nil }
        return path.reduce("") { name, key in
            if let index = key.intValue { return name + "[\(index)]" }
            return name.isEmpty ? key.stringValue : name + "." + key.stringValue
        }
    }
}

/// A request with a field that is not what it must be (a JSON field missing or of the wrong
/// type, a query number that is no number): a 400 that names the field.
struct MalformedInput: Error {
    var field: String
    /// The catalog key that says what is wrong with it.
    var key: String

    var problems: MusubiError { .invalid(field, key) }
}
