import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// The API reads what its document says and nothing looser: JSON as RFC 8259 writes it, a
/// body only of a declared type, numbers in the query that are numbers, and writes only to
/// things that exist. Each is a 4xx that says what is wrong, and nothing is written.
@Suite struct StrictInputTests {
    @Test func onlyJSONAsTheRFCWritesItIsValid() {
        let valid = [
            #"{}"#, #"[]"#, #" {"a": [1, -0.5, 2e10, 3E-2, true, false, null], "b": "\u00e9\n\"x\""} "#, #""text""#, "0", "-12.5e+3",
        ]
        for text in valid { #expect(StrictJSON.isValid(Array(text.utf8)), "\(text)") }
        let invalid = [
            #"{"a": 1,}"#, #"[1, 2,]"#, "{\"a\": \"tab\there\"}", "{\"a\": \"line\nbreak\"}", #"{'a': 1}"#, #"{a: 1}"#, "01", "1.", ".5", "+1",
            "NaN", "Infinity", #"{"a": 1} x"#, #"{"a" 1}"#, #"["\x"]"#, #"["\u12"]"#, "", "tru", "[1 2]", "/* c */ {}",
            String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        ]
        for text in invalid { #expect(!StrictJSON.isValid(Array(text.utf8)), "\(text)") }
    }

    @Test(arguments: TestDatabase.available)
    func lenientBodiesTypesAndNumbersAreRefusedByName(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            let name = site.community.member.name
            for body in [#"{"name": "\#(name)", "title": "研究員",}"#, "{\"name\": \"\(name)\", \"title\": \"研究\u{01}員\"}"] {
                let reply = try await member.call(.patch, "/api/v1/me", raw: body)
                #expect(reply.status == .badRequest, "\(body): \(reply.body)")
            }
            #expect(try await member.call(.get, "/api/v1/me").object["title"] as? String != "研究員", "nothing was written")

            for type in ["text/plain", "application/xml", "application/x-www-form-urlencoded", "image/png", ""] {
                let reply = try await member.call(.patch, "/api/v1/me", raw: #"{"title": "研究員"}"#, contentType: type)
                #expect(reply.status == .unsupportedMediaType, "\(type): \(reply.status)")
                #expect(reply.errorCode == "error.media_type")
            }
            let valid = try await member.call(
                .patch, "/api/v1/me", json: ["name": name, "title": "研究員"], contentType: "application/json; charset=utf-8")
            #expect(valid.status == .ok, "\(valid.body)")

            for size in ["1.5", "abc", "18446744073709551616", "1e3"] {
                let reply = try await member.call(.get, "/api/v1/members?pageSize=\(size)")
                #expect(reply.status == .badRequest, "pageSize=\(size): \(reply.status)")
                let problems = (reply.object["error"] as? [String: Any])?["problems"] as? [[String: Any]]
                #expect(problems?.first?["field"] as? String == "pageSize")
            }
            #expect(try await member.call(.get, "/api/v1/members?pageSize=5").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available)
    func removingSomeoneWhoIsNotInTheGroupIsNotFoundAndNotAudited(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let admin = try await MatchingAPITests.client(site, "admin@example.jp")
            let group = site.community.group.id
            let outsider = site.community.guest.id
            let reply = try await admin.call(.delete, "/api/v1/groups/\(group)/members/\(outsider)")
            #expect(reply.status == .notFound, "\(reply.body)")
            #expect(try await admin.call(.delete, "/api/v1/groups/\(group)/members/999999").status == .notFound)
            let audited = try await site.environment.persistence.read { try await $0.audit.search(AuditQuery(action: .groupMemberRemoved)) }
            #expect(audited.items.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func curlsJSONSentAsAFormReachesTheChannelAsSlacksDoes(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            let lobby = "/exchange/channels/\(site.community.lobby.id)"
            let path = try #require(IncomingWebhookTests.webhookPath(in: try await admin.post(lobby + "/webhooks", [("name", "通知")])))
            // What `curl -d '{"text":"こんにちは"}' URL` sends.
            let (status, answer) = try await IncomingWebhookTests.hook(site, path, #"{"text":"こんにちは"}"#, type: "application/x-www-form-urlencoded")
            #expect(status == .ok && answer == "ok")
            #expect(try await admin.get(lobby).section("timeline").contains("こんにちは"))
            // A form with the JSON in `payload` still works; a form of anything else is refused.
            let payload = "payload=" + #"{"text":"さようなら"}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await IncomingWebhookTests.hook(site, path, payload, type: "application/x-www-form-urlencoded").0 == .ok)
            #expect(
                try await IncomingWebhookTests.hook(site, path, "text=hello", type: "application/x-www-form-urlencoded") == (
                    .badRequest, "invalid_payload"
                ))
        }
    }
}
