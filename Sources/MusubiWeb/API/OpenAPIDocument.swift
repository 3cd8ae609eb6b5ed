import Foundation
import Hummingbird
import MusubiCore

/// The OpenAPI 3.1 document, written from the operation list the router registers.
enum OpenAPIDocument {
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
                "description": "The directory and accounts of a Musubi installation. Authenticate with a personal API token from your account page: `Authorization: Bearer msb_…`.",
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
        parameters += operation.query.map { name in
            let integer = ["page", "pageSize", "field", "actorId"].contains(name)
            return ["name": name, "in": "query", "required": false, "schema": ["type": integer ? "integer" : "string"]]
        }
        var responses: [String: Any] = [:]
        let success: [String: Any] = operation.responseSchema.map {
            ["description": "Success", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\($0)"]]]]
        } ?? ["description": "Done"]
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
            result["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]]
        }
        return result
    }

    private static func errorResponses(_ operation: APIOperation) -> [(String, String)] {
        var result: [(String, String)] = [("400", "Malformed request"), ("404", "Not found, or not visible to the caller")]
        if operation.access != .anyone { result.append(("401", "No valid token")) }
        if operation.access == .coordinator || operation.access == .admin { result.append(("403", "The caller may not do this")) }
        if operation.requestSchema != nil { result.append(("422", "Invalid input; see problems")) }
        return result
    }
}
