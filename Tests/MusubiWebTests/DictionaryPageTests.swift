import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@Suite struct DictionaryPageTests {
    static func candidates(_ page: Browser.Page) -> Int {
        page.cards("candidate", in: "candidates").count
    }

    @Test(arguments: TestDatabase.available)
    func aCoordinatorsConceptChangesCandidatesAtOnce(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let seed = try await ListingPageTests.post(coordinator, [("kind", "seed"), ("title", "藍染めの色落ちを抑える"), ("summary", "天然藍の堅牢度を高める")])
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let need = try await ListingPageTests.post(member, [("kind", "need"), ("title", "インディゴの製品を作りたい"), ("summary", "地元のデニムで")])
            #expect(!(try await member.get(need).contains("href=\"\(seed)\"")), "藍 and インディゴ share no character")

            #expect(try await member.get("/manage/concepts").status == .notFound)
            let refused = try await member.post("/manage/concepts", [("key", "indigo"), ("label", "藍染め"), ("terms", "藍")])
            #expect(refused.status == .forbidden, "\(refused)")

            let page = try await coordinator.get("/manage/concepts")
            #expect(page.status == .ok)
            #expect(page.contains("fine-bubble"), "the bundled concepts are listed")
            let saved = try await coordinator.post(
                "/manage/concepts",
                [
                    ("key", "indigo"), ("label", "藍染め"), ("labelEn", "Indigo"), ("terms", "藍、インディゴ、藍染"), ("related", "materials"),
                ])
            #expect(saved.status == .seeOther)
            let after = try await member.get(need)
            #expect(after.contains("href=\"\(seed)\""))
            #expect(after.contains("共通する概念: 藍染め"))
            #expect(try await coordinator.get("/manage/concepts").contains("data-testid=\"added-concept\""))

            // Related concepts are named as coordinators know them (by label, in either
            // language, or by key), suggested from a list, and shown by label again.
            #expect(page.contains(#"<option value="ファインバブル">"#) && page.contains(#"pattern="[a-z0-9\-]+""#))
            let named = try await coordinator.post(
                "/manage/concepts", [("key", "koji"), ("label", "麹"), ("terms", "麹、こうじ"), ("related", "藍染め、素材、Fine bubbles")])
            #expect(named.status == .seeOther)
            let koji = try await coordinator.get("/manage/concepts?key=koji")
            #expect(koji.contains(#"name="related" value="ファインバブル、藍染め、素材""#), "kept as keys (in their order), shown by label")
            let unknown = try await coordinator.post("/manage/concepts", [("key", "koji"), ("label", "麹"), ("terms", "麹"), ("related", "味噌")])
            #expect(unknown.status == .unprocessableContent)

            // Words for a bundled concept extend it; its labels stay.
            #expect(try await coordinator.post("/manage/concepts", [("key", "fine-bubble"), ("terms", "泡洗浄")]).status == .seeOther)
            #expect(try await coordinator.get("/manage/concepts").contains("泡洗浄"))

            #expect(try await coordinator.post("/manage/concepts/indigo/remove").status == .seeOther)
            #expect(!(try await member.get(need).contains("href=\"\(seed)\"")))
            #expect(try await coordinator.post("/manage/concepts/indigo/remove").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func badEntriesComeBackWithMessagesAndChangeNothing(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.get("/manage/concepts")
            let bad = try await coordinator.post(
                "/manage/concepts", [("key", "麹 koji"), ("label", ""), ("terms", ""), ("related", "no-such-concept")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("キーは英小文字・数字・ハイフンで2〜40文字にしてください。"))
            #expect(bad.contains("関連する概念のキーに、辞書にないものがあります。"))
            #expect(bad.contains("value=\"麹 koji\""))
            let long = try await coordinator.post(
                "/manage/concepts", [("key", "long"), ("label", "長い"), ("terms", String(repeating: "長", count: 41))])
            #expect(long.status == .unprocessableContent)
            #expect(!(try await coordinator.get("/manage/concepts").contains("data-testid=\"added-concept\"")))
            #expect(
                try await coordinator.post("/manage/concepts", [("key", "ok"), ("label", "良い"), ("terms", "良"), ("_csrf", "wrong")]).status
                    == .forbidden)
        }
    }
}
