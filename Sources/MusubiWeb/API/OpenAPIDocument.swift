import Foundation
import Hummingbird
import MusubiCore
import Synchronization

/// The OpenAPI 3.1 document, written from the operation list the router registers.
enum OpenAPIDocument {
    /// The document a site serves, written when it is first asked for: its text patterns
    /// come from a pass over every Unicode scalar, which start-up need not wait for.
    final class Served: Sendable {
        private let write: @Sendable () -> Data
        private let written = Mutex<Data?>(nil)

        init(_ write: @escaping @Sendable () -> Data) { self.write = write }

        var data: Data {
            written.withLock { written in
                if let written { return written }
                let data = write()
                written = data
                return data
            }
        }
    }

    static func json(for operations: [APIOperation], serverURL: String) -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            paths[operation.path.template, default: [:]][operation.method.rawValue.lowercased()] = describe(operation)
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Musubi API",
                "version": "1.0.0",
                "description": """
                The directory, accounts, matching and exchange of a Musubi installation. Authenticate with a personal \
                API token from your account page: `Authorization: Bearer msb_…`. The exchange's events are also \
                pushed over a WebSocket at `/live?after=<cursor>&watch=<channel id>` (the same token in the \
                `Authorization` header): JSON text frames `{"type":"event","id","kind","channel","message"}`, \
                `{"type":"typing","channel","name"}` and, once what was missed since `after` is sent, \
                `{"type":"ready","after"}`. Send `{"type":"typing","channel":<id>}` while writing.
                """,
            ],
            "servers": [["url": serverURL]],
            "paths": paths,
            "components": [
                "securitySchemes": ["token": ["type": "http", "scheme": "bearer", "description": "A personal API token"]],
                "schemas": OpenAPISchemas.all,
            ],
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    private static func describe(_ operation: APIOperation) -> [String: Any] {
        var parameters: [[String: Any]] = operation.path.parameterNames.map {
            ["name": $0, "in": "path", "required": true, "schema": ["type": "integer", "format": "int64"]]
        }
        parameters += operation.query.map { ["name": $0.name, "in": "query", "required": $0.required, "schema": $0.schema] }
        if operation.takesIdempotencyKey {
            parameters.append([
                "name": IdempotentResponder.header.rawName, "in": "header", "required": false,
                "schema": ["type": "string", "minLength": 1, "maxLength": 200],
                "description":
                    "Any unique string (a UUID). Sent again with the same key within a day, the request is not done again: the first answer comes back, with `Idempotent-Replayed: true`.",
            ])
        }
        var responses: [String: Any] = [:]
        var success: [String: Any] =
            operation.responseSchema.map {
                ["description": "Success", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\($0)"]]]]
            } ?? ["description": "Done"]
        if operation.returnsFile {
            success = [
                "description": "The file, as its own type, with its name in Content-Disposition",
                "content": ["*/*": ["schema": ["type": "string", "format": "binary"]]],
            ]
        }
        responses[String(operation.status)] = success
        let error: [String: Any] = ["$ref": "#/components/schemas/Error"]
        for (code, text) in errorResponses(operation) {
            responses[code] = ["description": text, "content": ["application/json": ["schema": error]]]
        }
        var result: [String: Any] = [
            "operationId": operation.id,
            "summary": operation.summary,
            "parameters": parameters,
            "responses": responses,
            "x-musubi-access": operation.access.rawValue,
        ]
        if operation.access != .anyone { result["security"] = [["token": [String]()]] }
        if let schema = operation.requestSchema {
            var content: [String: Any] = ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]
            if operation.acceptsFiles, let fields = OpenAPISchemas.all[schema] as? [String: Any] {
                content["multipart/form-data"] = ["schema": OpenAPISchemas.form(of: fields)]
            }
            if operation.acceptsCSV { content["text/csv"] = ["schema": ["type": "string"]] }
            result["requestBody"] = ["required": true, "content": content]
        }
        return result
    }

    private static func errorResponses(_ operation: APIOperation) -> [(String, String)] {
        var result: [(String, String)] = [("400", "Malformed request"), ("404", "Not found, or not visible to the caller")]
        if operation.access != .anyone { result.append(("401", "No valid token")) }
        if operation.access != .anyone { result.append(("403", "The caller may not do this")) }
        if operation.requestSchema != nil {
            result.append(("413", "The body is larger than the operation takes"))
            result.append(("415", "The body is not of a type the operation takes"))
            result.append(("422", "Invalid input; see problems"))
        }
        result.append(
            (
                "default",
                "Any other error: a conflict with the current state (409, such as editing a deleted message), too many attempts (429), a fault on the server (500)"
            ))
        return result
    }
}
