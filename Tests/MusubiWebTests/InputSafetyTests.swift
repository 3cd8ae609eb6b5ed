import Foundation
import HTTPTypes
import Hummingbird
import MusubiCore
import MusubiTestSupport
import Testing

/// Bad input gets a 4xx and a clear message, never a 5xx, and nothing half-written.
@Suite struct InputSafetyTests {
    @Test(arguments: TestDatabase.available)
    func formsWithoutTheRightCSRFTokenAreRefusedAndChangeNothing(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("member@example.jp")
            for token in [nil, "forged-token-forged-token-forged-token"] {
                let fields: [(String, String)] = [("name", "乗っ取り")] + (token.map { [("_csrf", $0)] } ?? [])
                let page = try await browser.post("/me/edit", fields, csrf: false)
                #expect(page.status == .forbidden)
                #expect(page.contains("フォームの有効期限が切れました"))
            }
            #expect(try await browser.get("/members/\(site.community.member.id)").contains("松本 恭平"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func markupAndSQLInEveryProfileFieldAreStoredAsTextAndEscaped(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("member@example.jp")
            let attack = "<script>alert('x')</script>'; DROP TABLE members; --"
            let saved = try await browser.post(
                "/me/edit",
                [
                    ("name", "松本 \(attack)"), ("nameKana", attack), ("title", attack), ("keywords", "<b>太字</b>, 二つ目"),
                    ("offer", attack), ("seeking", attack), ("languages", "ja"),
                ])
            #expect(saved.status == .seeOther)
            let profile = try await browser.get("/members/\(site.community.member.id)")
            #expect(!profile.contains("<script>alert"))
            #expect(profile.contains("&lt;script&gt;alert"))
            let search = try await browser.get("/members?q=" + Browser.encode("'; DROP TABLE members; --"))
            #expect(search.status == .ok)
            #expect(search.contains("&lt;script&gt;"))
            #expect(try await browser.get("/members").contains("西村 健"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func invalidInputIsAnsweredWithMessagesAndNothingIsWritten(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("coord@example.jp")
            try await browser.get("/organizations/new")
            let cases: [([(String, String)], HTTPResponse.Status, String)] = [
                ([("name", ""), ("sector", "industry"), ("prefectureCode", "31")], .unprocessableContent, "入力してください"),
                ([("name", String(repeating: "長", count: 121)), ("sector", "industry"), ("prefectureCode", "31")], .unprocessableContent, "長すぎます"),
                ([("name", "組織"), ("sector", "industry"), ("prefectureCode", "99")], .unprocessableContent, "都道府県を選んでください"),
                (
                    [("name", "組織"), ("sector", "industry"), ("prefectureCode", "31"), ("website", "javascript:alert(1)")], .unprocessableContent,
                    "https://"
                ),
                ([("name", "組織"), ("sector", "industry"), ("prefectureCode", "31"), ("fields", "abc")], .unprocessableContent, "存在しない分野"),
                ([("name", "組織"), ("sector", "industry"), ("prefectureCode", "31"), ("fields", "999999")], .unprocessableContent, "存在しない分野"),
                ([("name", "組織"), ("sector", "bank"), ("prefectureCode", "31")], .unprocessableContent, "セクターを選んでください"),
                ([("name", "制御\u{0001}文字"), ("sector", "industry"), ("prefectureCode", "31")], .unprocessableContent, "使えない文字"),
            ]
            for (fields, status, message) in cases {
                let page = try await browser.post("/organizations", fields)
                #expect(page.status == status, "\(fields)")
                #expect(page.contains(message), "\(fields)")
            }
            let list = try await browser.get("/organizations")
            #expect(list.contains("5件中"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func bytesThatAreNotUTF8AreA400(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("member@example.jp")
            var body = ByteBuffer(string: "_csrf=\(browser.csrf)&name=")
            body.writeBytes([0xFF, 0xFE, 0x80])
            let raw = try await browser.send("/me/edit", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: body)
            #expect(raw.status == .badRequest)
            let encoded = try await browser.post("/me/edit", [("name", "ok")].map { $0 } + [("title", "")], csrf: true)
            #expect(encoded.status == .seeOther)
            let badPercent = try await browser.get("/members?q=%FF%FE")
            #expect(badPercent.status == .badRequest)
            #expect(try await browser.get("/members/not-a-number").status == .badRequest)
            let huge = try await browser.post("/me/edit", [("name", String(repeating: "a", count: 300_000))])
            #expect(huge.status == .contentTooLarge)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAPIRefusesMalformedBodiesClearly(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("coord@example.jp")
            let api = APIClient(client: site.client, token: try await APIClient.token(for: browser))
            let notJSON = try await api.call(.post, "/api/v1/organizations", raw: "{not json")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.errorCode == "error.bad_request")
            let wrongTypes = try await api.call(.post, "/api/v1/organizations", json: ["name": 42, "sector": "industry", "prefectureCode": "31"])
            #expect(wrongTypes.status == .badRequest)
            let invalid = try await api.call(.post, "/api/v1/organizations", json: ["name": "", "sector": "industry", "prefectureCode": "00"])
            #expect(invalid.status == .unprocessableContent)
            let problems = (invalid.object["error"] as? [String: Any])?["problems"] as? [[String: Any]] ?? []
            #expect(Set(problems.compactMap { $0["field"] as? String }) == ["name", "prefectureCode"])
            let created = try await api.call(.post, "/api/v1/organizations", json: ["name": "ﾃｽﾄ工業", "sector": "industry", "prefectureCode": "31"])
            #expect(created.status == .created)
            #expect(created.object["name"] as? String == "ﾃｽﾄ工業")
            let revoked = APIClient(client: site.client, token: "msb_not-a-real-token")
            #expect(try await revoked.call(.get, "/api/v1/me").status == .unauthorized)
        }
    }
}
