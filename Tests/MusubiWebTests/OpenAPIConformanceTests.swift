import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MusubiTestSupport
import Testing

/// The checker that every `APIClient` call goes through: it must find what is wrong, and name
/// where, or a field added to an answer without the document would pass unnoticed.
@Suite struct OpenAPIConformanceTests {
    static let document = Data(
        ##"""
        {
          "openapi": "3.1.0",
          "paths": {
            "/api/v1/things/{id}": {"get": {"responses": {
              "200": {"description": "One", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
              "204": {"description": "Done"},
              "4XX": {"description": "Refused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }}},
            "/api/v1/things/special": {"get": {"responses": {
              "200": {"description": "Ids", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "integer"}}}}}
            }}},
            "/api/v1/both": {"get": {"responses": {
              "200": {"description": "Both", "content": {"application/json": {"schema": {"allOf": [
                {"$ref": "#/components/schemas/Thing"},
                {"type": "object", "properties": {"more": {"type": "integer"}}}
              ]}}}}
            }}},
            "/api/v1/patterned": {"get": {"responses": {
              "200": {"description": "Coded", "content": {"application/json": {"schema": {"type": "object", "properties": {"code": {"type": "string", "pattern": "^a"}}}}}}
            }}},
            "/api/v1/files/{id}": {"get": {"responses": {
              "200": {"description": "A file", "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}},
              "default": {"description": "Refused", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }}}
          },
          "components": {"schemas": {
            "Thing": {"type": "object", "properties": {
              "id": {"type": "integer", "format": "int64"},
              "name": {"type": ["string", "null"]},
              "kind": {"type": "string", "enum": ["a", "b"]},
              "at": {"type": "string", "format": "date-time"},
              "tags": {"type": "array", "items": {"type": "string"}},
              "counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
              "owner": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
            }, "required": ["id", "kind"]},
            "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}
          }}
        }
        """##.utf8)

    func problems(
        _ path: String, _ status: Int, _ body: String, method: HTTPRequest.Method = .get, contentType: String? = "application/json; charset=utf-8"
    ) throws -> [String] {
        try OpenAPIConformance(document: Self.document)
            .problems(method: method, path: path, status: status, contentType: contentType, body: Data(body.utf8))
    }

    @Test func anAnswerAsDocumentedHasNoProblems() throws {
        let thing = #"{"id": 1, "kind": "a", "name": null, "at": "2026-01-15T09:30:00Z", "tags": ["x"], "counts": {"x": 2}, "owner": {"name": "n"}}"#
        #expect(try problems("/api/v1/things/1?x=1", 200, thing) == [])
        #expect(try problems("/api/v1/things/1", 404, #"{"error": "not found"}"#) == [], "4XX")
        #expect(try problems("/api/v1/things/1", 204, "", contentType: nil) == [])
        #expect(try problems("/api/v1/things/special", 200, "[1, 2]") == [], "the literal path before the template")
        #expect(try problems("/api/v1/both", 200, #"{"id": 1, "kind": "b", "more": 2}"#) == [], "allOf")
        #expect(try problems("/api/v1/files/3", 200, "hello", contentType: "text/plain; charset=utf-8") == [], "a file is not looked into")
        #expect(try problems("/api/openapi.json", 200, "{}") == [])
        #expect(try problems("/api/hooks/secret", 400, "no_text", method: .post, contentType: "text/plain") == [])
    }

    @Test func everyDepartureFromTheSchemaIsNamedWithItsPath() throws {
        let found = try problems(
            "/api/v1/things/1", 200,
            #"{"id": true, "kind": "c", "at": "yesterday", "tags": [1], "counts": {"x": -1}, "owner": {"avatar": "a.png"}, "extra": 1.5}"#)
        let expected = [
            "$.id: expected integer, found true",
            "$.kind: \"c\" is not one of \"a\", \"b\"",
            "$.at: \"yesterday\" is not an RFC 3339 date-time",
            "$.tags[0]: expected string, found 1",
            "$.counts.x: -1 is below the minimum 0",
            "$.owner: the required property \"name\" is missing",
            "$.owner: property \"avatar\" is not in the schema",
            "$: property \"extra\" is not in the schema",
        ]
        for prefix in expected {
            #expect(found.contains(where: { $0.hasPrefix(prefix) }), "\(prefix) in \(found)")
        }
        #expect(found.count == expected.count, "\(found)")
        #expect(
            try problems("/api/v1/both", 200, #"{"id": 1, "kind": "b", "zzz": 2}"#).contains(where: {
                $0.hasPrefix("$: property \"zzz\" is not in the schema")
            }))
        #expect(try problems("/api/v1/things/1", 200, #"{"id": 1.5, "kind": "a"}"#).contains(where: { $0.hasPrefix("$.id: expected integer") }))
    }

    @Test func whatTheDocumentDoesNotDescribeIsAProblem() throws {
        let cases: [(String, [String])] = [
            ("no path", try problems("/api/v1/nothing", 200, "{}")),
            ("no operation", try problems("/api/v1/things/1", 200, "{}", method: .post)),
            ("no status", try problems("/api/v1/things/1", 500, #"{"error": "x"}"#)),
            ("a body where none is documented", try problems("/api/v1/things/1", 204, "x", contentType: "text/plain")),
            ("another content type", try problems("/api/v1/things/1", 200, "<p>", contentType: "text/html")),
            ("not JSON", try problems("/api/v1/things/1", 200, "<p>")),
            ("a keyword the checker does not know", try problems("/api/v1/patterned", 200, #"{"code": "abc"}"#)),
        ]
        for (name, found) in cases {
            #expect(found.count == 1, "\(name): \(found)")
        }
        #expect(try problems("/api/v1/patterned", 200, #"{"code": "abc"}"#).first?.contains("\"pattern\"") == true)
    }

    /// The real document: an answer as the site gives it conforms, and the same answer with a
    /// field the document does not name does not.
    @Test func aFieldAddedWithoutTheDocumentIsCaught() async throws {
        try await TestSite.run(.sqlite) { site in
            let browser = site.browser()
            try await browser.signIn("member@example.jp")
            let api = APIClient(client: site.client, token: try await APIClient.token(for: browser))
            let served = try await site.client.executeRequest(uri: OpenAPIConformance.documentPath, method: .get, headers: [:], body: nil)
            let conformance = try OpenAPIConformance(document: Data(served.body.readableBytesView))
            let path = "/api/v1/channels/\(site.community.room.id)/messages"
            let reply = try await api.call(.get, path)
            #expect(reply.status == .ok)
            let contentType = reply.headers[.contentType]
            #expect(conformance.problems(method: .get, path: path, status: 200, contentType: contentType, body: Data(reply.body.utf8)) == [])

            var timeline = reply.object
            var items = timeline["items"] as? [[String: Any]] ?? []
            try #require(!items.isEmpty)
            var author = items[0]["author"] as? [String: Any] ?? [:]
            author["avatar"] = "https://example.jp/a.png"
            items[0]["author"] = author
            timeline["items"] = items
            let changed = try JSONSerialization.data(withJSONObject: timeline)
            let found = conformance.problems(method: .get, path: path, status: 200, contentType: contentType, body: changed)
            #expect(found.contains(where: { $0.hasPrefix("$.items[0].author: property \"avatar\" is not in the schema") }), "\(found)")
        }
    }
}
