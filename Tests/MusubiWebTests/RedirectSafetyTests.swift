import Foundation
import MusubiTestSupport
import Testing

/// Every parameter that names where a browser goes next (`back=` after switching language,
/// `next=` through signing in) leads only to a path on this site, whatever it is given.
@Suite struct RedirectSafetyTests {
    /// What arrives after the query or form is decoded. Browsers delete tabs and newlines
    /// from URLs and read `\` as `/`, so each of these would leave the site if passed on.
    static let hostile = [
        "//evil.example/", "/\t/evil.example/", "/\r/evil.example/", "/\n/evil.example/", "/\r\n/evil.example/", "\t//evil.example/",
        "/\\evil.example/", "\\/evil.example/", "\\\\evil.example/", "/%2F/evil.example/".removingPercentEncoding!, "%2F%2Fevil.example/",
        "https://evil.example/", "javascript:alert(1)", "/\u{FF0F}evil.example/", "/\u{2215}evil.example/", "/\u{200B}/evil.example/",
        "/\u{0}/evil.example/", " //evil.example/", "/\u{85}/evil.example/", "evil.example",
    ]
    static let safe = ["/members?page=2", "/channels/3#m5", "/listings/12", "/"]

    @Test(arguments: TestDatabase.available)
    func switchingLanguageGoesBackOnlyToThisSite(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let visitor = site.browser()
            for value in Self.hostile {
                let answer = try await visitor.get("/lang/en?back=" + Browser.encode(value))
                #expect(answer.status == .seeOther && answer.location == "/", "\(value.debugDescription) → \(answer.location ?? "none")")
            }
            // The very request from the report, encoded by hand.
            #expect(try await visitor.get("/lang/en?back=/%09/evil.example/").location == "/")
            for value in Self.safe {
                #expect(try await visitor.get("/lang/ja?back=" + Browser.encode(value)).location == value)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func signingInContinuesOnlyOnThisSite(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            #expect(try await site.browser().get("/signin?next=/%09/evil.example/").contains("name=\"next\" value=\"/\""))
            for value in Self.hostile {
                let browser = site.browser()
                let form = try await browser.get("/signin?next=" + Browser.encode(value))
                #expect(form.contains("name=\"next\" value=\"/\""), "the form carries \(value.debugDescription) on")
                let answer = try await browser.post("/signin", [("email", "member@example.jp"), ("password", Community.password), ("next", value)])
                #expect(answer.status == .seeOther && answer.location == "/", "\(value.debugDescription) → \(answer.location ?? "none")")
            }
            let browser = site.browser()
            try await browser.get("/signin?next=" + Browser.encode("/members?page=2"))
            let answer = try await browser.post(
                "/signin", [("email", "member@example.jp"), ("password", Community.password), ("next", "/members?page=2")])
            #expect(answer.location == "/members?page=2")
        }
    }
}
