import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// The search page as people use it: results highlighted and escaped, counted only among
/// what the reader may see, filters, paging, and bad input answered on the form.
@Suite struct ExchangeSearchPageTests {
    @Test(arguments: TestDatabase.available)
    func searchingFindsHighlightsAndNeverShowsAnotherPersonsRoom(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let lobby = "/exchange/channels/\(site.community.lobby.id)"
            #expect(try await member.post(lobby + "/messages", [("body", "陸上養殖に<b>水素</b>を")]).status == .seeOther)
            for number in 1...21 { _ = try await member.post(lobby + "/messages", [("body", "第\(number)回 ｽｲｿ の会")]) }

            let found = try await member.get("/exchange/search?q=" + "養殖".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(found.status == .ok)
            let results = found.section("search-results")
            #expect(results.contains("陸上<mark>養殖</mark>に&lt;b&gt;水素&lt;/b&gt;を"))
            #expect(results.contains("雑談") && results.contains("松本 恭平"))
            #expect(found.contains("data-testid=\"search-count\">1 件<"))

            // Width and kana do not matter; results page.
            let first = try await member.get("/exchange/search?q=%E3%81%99%E3%81%84%E3%81%9D&order=newest") // すいそ
            #expect(first.contains("data-testid=\"search-count\">21 件<"))
            #expect(first.section("search-results").contains("<mark>ｽｲｿ</mark>"))
            #expect(first.contains("page=2"))
            let second = try await member.get("/exchange/search?q=%E3%81%99%E3%81%84%E3%81%9D&order=newest&page=2")
            #expect(second.section("search-results").contains("第1回"))
            #expect(!second.section("search-results").contains("第2回 "))

            // The private room's message is the member's alone: nobody else finds or counts it.
            #expect(try await member.get("/exchange/search?q=%E7%A4%BE%E5%A4%96%E7%A7%98").contains("data-testid=\"search-count\">1 件<")) // 社外秘
            for email in ["coord@example.jp", "admin@example.jp", "guest@example.jp"] {
                let other = site.browser()
                try await other.signIn(email)
                let page = try await other.get("/exchange/search?q=%E7%A4%BE%E5%A4%96%E7%A7%98")
                #expect(page.status == .ok)
                #expect(!page.contains("社外秘の計画"))
                #expect(page.contains("data-testid=\"search-count\">0 件<"))
                // in:共同研究の相談
                let narrowed = try await other.get("/exchange/search?q=in%3A%E5%85%B1%E5%90%8C%E7%A0%94%E7%A9%B6%E3%81%AE%E7%9B%B8%E8%AB%87")
                #expect(narrowed.section("search-notice").contains("あなたが読めるチャンネルはありません"))
            }

            // Bad input gets the form back with a message; signed out gets the sign-in page.
            let bad = try await member.get("/exchange/search?q=before%3A2026-02-30")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.section("search-error").contains("年-月-日"))
            let long = try await member.get("/exchange/search?q=" + String(repeating: "a", count: 600))
            #expect(long.status == .unprocessableContent)
            #expect(try await site.browser().get("/exchange/search?q=a").status != .ok)

            // The channel page links to a search narrowed to it.
            #expect(try await member.get(lobby).contains("/exchange/search?q=in:%22%E9%9B%91%E8%AB%87%22%20"))
        }
    }
}
