import Foundation
import MusubiTestSupport
import Testing

@Suite struct OpenAPITests {
    @Test func theDocumentDescribesEveryOperationAndOnlyThose() async throws {
        try await TestSite.run(.sqlite) { site in
            let reply = try await APIClient(client: site.client, token: nil).call(.get, "/api/openapi.json")
            #expect(reply.status == .ok)
            let document = reply.object
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var operations: [(String, String)] = []
            for (path, methods) in paths { for method in methods.keys { operations.append((method.uppercased(), path)) } }
            #expect(operations.count >= 26)
            // Each documented operation answers (never the router's plain 404 or 405 for an
            // unknown route): call it without a token and with made-up ids.
            for (method, path) in operations {
                let concrete = path.replacingOccurrences(of: "{id}", with: "999999").replacingOccurrences(of: "{memberId}", with: "999999")
                let answer = try await APIClient(client: site.client, token: nil).call(.init(rawValue: method)!, concrete, json: [String: String]())
                #expect([200, 400, 401, 404, 422].contains(Int(answer.status.code)), "\(method) \(path)")
                if answer.status == .notFound { #expect(answer.errorCode == "error.not_found") }
                #expect(answer.status != .methodNotAllowed)
            }
            // Every operation names its errors; one with a body says it may be too large.
            for (path, methods) in paths {
                for (method, operation) in methods {
                    let responses = try #require((operation as? [String: Any])?["responses"] as? [String: Any])
                    #expect(responses["default"] != nil && responses["400"] != nil, "\(method) \(path)")
                    if (operation as? [String: Any])?["requestBody"] != nil { #expect(responses["413"] != nil, "\(method) \(path)") }
                }
            }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let text = reply.body
            for match in text.matches(of: /#\/components\/schemas\/([A-Za-z]+)/) {
                #expect(schemas[String(match.1)] != nil, "schema \(match.1)")
            }
        }
    }

    /// A visitor (no token) calls every documented operation: one for signed-in callers
    /// answers 401, as its `security` says; one for anyone answers its documented success or
    /// one of its documented errors.
    @Test(arguments: TestDatabase.available)
    func aVisitorIsAnsweredAsTheDocumentDeclares(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let visitor = APIClient(client: site.client, token: nil)
            let document = try await visitor.call(.get, "/api/openapi.json").object
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            let listing = try await site.environment.persistence.read { try await $0.listings.all() }.first?.id ?? 1
            for (path, methods) in paths {
                for (method, operation) in methods {
                    let access = try #require(operation["x-musubi-access"] as? String)
                    let declared = Set((operation["responses"] as? [String: Any] ?? [:]).keys)
                    for id in ["999999", String(listing)] {
                        let concrete = path.replacing(/\{[A-Za-z]+\}/, with: id)
                        let answer = try await visitor.call(.init(rawValue: method.uppercased())!, concrete, json: [String: String]())
                        let code = String(answer.status.code)
                        if access == "anyone" {
                            #expect(declared.contains(code), "\(method) \(concrete) answered \(code), which it does not declare")
                        } else {
                            #expect(
                                answer.status == .unauthorized && answer.errorCode == "error.unauthenticated",
                                "\(method) \(concrete) (\(access)) answered a visitor \(code): \(answer.body.prefix(200))")
                        }
                    }
                }
            }
        }
    }
}
