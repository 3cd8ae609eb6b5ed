import Foundation
import HTTPTypes
import HummingbirdTesting
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// What the OpenAPI document says a request may hold is what the server takes: its text
/// patterns are the validator's own rule, its query parameters are checked as described,
/// a null stands for an absent property, and a method the document does not list at an
/// address is a 405 that lists those it does.
@Suite struct DocumentedInputTests {
    /// Every pattern of a text property agrees with `Validator.text` on texts made of the
    /// characters at the edges of the rule.
    @Test func theTextPatternsAreTheValidatorsRule() throws {
        let pieces = [
            "", "a", "水素", " ", "\t", "\n", "\r", "\u{3000}", "\u{85}", "\u{0}", "\u{7}", "\u{7F}", "\u{9F}", "\u{AD}", "\u{200B}",
            "\u{200D}", "\u{FEFF}", "\u{2028}", "\u{E0001}", "\u{110BD}", "👍🏽", "e\u{301}", "👨‍👩‍👧",
        ]
        var texts: [String] = []
        for first in pieces { for second in pieces { texts.append(first + second) } }
        texts += pieces.map { " " + $0 + "x" + $0 + " " }
        for multiline in [false, true] {
            for required in [false, true] {
                let schema = OpenAPISchemas.text(10, multiline: multiline, required: required)
                let pattern = try NSRegularExpression(pattern: try #require(schema["pattern"] as? String))
                for text in texts {
                    var validator = Validator()
                    validator.text("x", text, required: required, limit: 10, multiline: multiline)
                    let range = NSRange(text.startIndex..., in: text)
                    let matches = pattern.firstMatch(in: text, range: range) != nil && text.unicodeScalars.count <= 10
                    #expect(
                        matches == validator.problems.isEmpty,
                        "multiline \(multiline), required \(required): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func queryParametersAreCheckedAsDocumented(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            for (query, field) in [
                ("pageSize=0", "pageSize"), ("pageSize=101", "pageSize"), ("page=", "page"), ("page=1&page=2", "page"),
                ("sector=bank", "sector"),
            ] {
                let reply = try await member.call(.get, "/api/v1/members?\(query)")
                #expect(reply.status == .badRequest, "\(query): \(reply.status)")
                let problems = (reply.object["error"] as? [String: Any])?["problems"] as? [[String: Any]]
                #expect(problems?.first?["field"] as? String == field, "\(query)")
            }
            #expect(try await member.call(.get, "/api/v1/members?pageSize=100&sector=finance&q=").status == .ok)
            #expect(try await member.call(.get, "/api/v1/events?watch=9223372036854775808").status == .badRequest)
            #expect(try await member.call(.get, "/api/v1/listings?mine=yes").status == .badRequest)
            #expect(try await member.call(.get, "/api/v1/listings?mine=true").status == .ok)
            #expect(try await member.call(.get, "/api/v1/suggestions?limit=21").status == .badRequest)
            #expect(try await member.call(.get, "/api/v1/suggestions?limit=20").status == .ok)
            #expect(try await member.call(.delete, "/api/v1/messages/1/reactions").status == .badRequest, "emoji is required")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aNullIsAnAbsentPropertyAndLimitsCountWhatIsSent(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            let name = site.community.member.name
            let nulls = try await member.call(.patch, "/api/v1/me", json: ["name": name, "title": NSNull(), "keywords": NSNull()])
            #expect(nulls.status == .ok, "\(nulls.body)")
            // A name of 100 scalars, padded with white space, is more than the document allows.
            let padded = try await member.call(.patch, "/api/v1/me", json: ["name": String(repeating: "名", count: 100) + " "])
            #expect(padded.status == .unprocessableContent)
            let keywords = try await member.call(
                .patch, "/api/v1/me", json: ["name": name, "keywords": Array(repeating: "水素", count: AccountSettings.limits.keywords + 1)])
            #expect(keywords.status == .unprocessableContent, "more keywords than allowed, even repeated")
            #expect(try await member.call(.get, "/api/v1/me").object["name"] as? String == name, "nothing was written")
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUndocumentedMethodIsAnsweredWithTheMethodsThatAre(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            // Past the document on purpose: sent without the client that holds answers to it.
            func undocumented(_ method: HTTPRequest.Method, _ path: String) async throws -> TestResponse {
                try await site.client.executeRequest(
                    uri: path, method: method, headers: [.authorization: "Bearer \(member.token ?? "")"], body: nil)
            }
            let trace = try await undocumented(.trace, "/api/v1/me")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, PATCH")
            #expect(String(buffer: trace.body).contains("error.method"))
            let put = try await undocumented(.put, "/api/v1/channels/1/messages")
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, POST")
            #expect(try await undocumented(.get, "/api/v1/nowhere").status == .notFound)
            #expect(try await member.call(.get, "/api/v1/members/999999").status == .notFound, "a thing not found stays 404")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFilePartWithoutANameIsAFileAndAFormOfNoPartsIsAForm(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            let path = "/api/v1/channels/\(site.community.lobby.id)/messages"
            let type = "multipart/form-data; boundary=b0undary"
            let nameless = [
                "--b0undary", #"Content-Disposition: form-data; name="body""#, "", "資料です",
                "--b0undary", #"Content-Disposition: form-data; name="files""#, "", "hello", "--b0undary--", "",
            ].joined(separator: "\r\n")
            let file = try await member.call(.post, path, raw: nameless, contentType: type)
            #expect(file.status == .unprocessableContent, "a file whose type cannot be told, not a message without it: \(file.body)")
            let empty = try await member.call(.post, path, raw: "--b0undary--\r\n", contentType: type)
            #expect(empty.status == .unprocessableContent, "a form with nothing in it: \(empty.body)")
            #expect(try await member.call(.post, path, raw: "no parts at all", contentType: type).status == .badRequest)
            let unnamed = [
                "--b0undary", #"Content-Disposition: form-data; name="""#, "", "{}",
                "--b0undary", #"Content-Disposition: form-data; name="body""#, "", "名前のない欄は読みません", "--b0undary--", "",
            ].joined(separator: "\r\n")
            let posted = try await member.call(.post, path, raw: unnamed, contentType: type)
            #expect(posted.status == .created, "a part named \"\" is left out as an unknown field is: \(posted.body)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBulkEntryOfTheWrongTypeIsRefused(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = try await MatchingAPITests.client(site, "coord@example.jp")
            for entry in [#"{"id": true, "title": "t"}"#, #"{"id": "a", "title": "t", "body": 5}"#, #"{"id": "a", "title": "t", "fields": [1]}"#] {
                let reply = try await coordinator.call(.post, "/api/v1/matching/bulk", raw: "[\(entry)]")
                #expect(reply.status == .unprocessableContent && reply.errorCode == "error.needs_file", "\(entry): \(reply.body)")
            }
            let numbered = try await coordinator.call(.post, "/api/v1/matching/bulk", raw: #"[{"id": 7, "title": "水素の貯蔵", "body": null}]"#)
            #expect(numbered.status == .ok, "\(numbered.body)")
            #expect(numbered.items.first?["needId"] as? String == "7")
        }
    }
}
