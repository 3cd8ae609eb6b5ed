import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@Suite struct ListingPageTests {
    /// Posts a listing through the form and returns its page's path.
    static func post(_ browser: Browser, _ fields: [(String, String)]) async throws -> String {
        try await browser.get("/listings/new")
        let posted = try await browser.post(
            "/listings", [("stage", "research"), ("disclosure", "members")].filter { key, _ in !fields.contains { $0.0 == key } } + fields)
        #expect(posted.status == .seeOther, "\(posted)")
        return String(posted.location?.split(separator: "?").first ?? "")
    }

    static func rows(_ page: Browser.Page) -> Int {
        page.body.components(separatedBy: "data-testid=\"listing-row\"").count - 1
    }

    @Test(arguments: TestDatabase.available)
    func aNeedShowsItsSeedsWithScoresAndReasonsInTheReadersLanguage(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let seed = try await Self.post(
                coordinator,
                [
                    ("kind", "seed"), ("title", "微細気泡の発生装置"), ("summary", "気液せん断方式で直径50µmの泡を安定して作る"),
                    ("keywords", "マイクロバブル、洗浄"), ("fields", String(site.community.aquaculture.id)),
                ])
            _ = try await Self.post(coordinator, [("kind", "seed"), ("title", "チタンの精密切削"), ("summary", "難削材を高精度に削る")])

            let member = site.browser()
            try await member.signIn("member@example.jp")
            let need = try await Self.post(
                member,
                [
                    ("kind", "need"), ("title", "カキの養殖網の汚れを落としたい"), ("summary", "ﾅﾉﾊﾞﾌﾞﾙで網を洗えないか試したい"),
                    ("fields", String(site.community.aquaculture.id)), ("partnerSectors", "academia"), ("partnerSectors", "support"),
                ])
            let page = try await member.get(need)
            #expect(page.status == .ok)
            #expect(page.contains("このニーズに合うシーズ"))
            let candidates = page.cards("candidate", in: "candidates")
            #expect(candidates.count == 1, "only the bubbles seed shares anything with the need")
            let first = try #require(candidates.first)
            #expect(first.contains("href=\"\(seed)\""))
            #expect(first.contains("共通する概念: ファインバブル"))
            #expect(first.contains("同じ分野: 水産・陸上養殖"))
            #expect(page.contains("data-testid=\"edit-listing\""))

            try await member.get("/lang/en?back=%2F")
            let english = try await member.get(need)
            #expect(english.contains("Seeds for this need"))
            #expect(english.contains("Shared concepts: Fine bubbles"))
            #expect(english.contains("Same field: Aquaculture"))

            // The seed's owner sees the need from the other side.
            #expect(try await coordinator.get(seed).contains("カキの養殖網の汚れを落としたい"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func visitorsSeePublicListingsAndDetailsStayWithTheirAudience(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let open = try await Self.post(
                coordinator,
                [
                    ("kind", "seed"), ("title", "公開の急速冷凍技術"), ("summary", "細胞を壊さずに凍らせる"), ("details", "公開の詳細"), ("disclosure", "public"),
                ])
            let members = try await Self.post(coordinator, [("kind", "seed"), ("title", "会員向けの冷凍技術"), ("summary", "会員だけが見る"), ("details", "会員の詳細")])
            let secret = try await Self.post(
                coordinator,
                [
                    ("kind", "seed"), ("title", "非公開の凍結装置"), ("summary", "概要だけは会員に"), ("details", "極秘の液体窒素条件"), ("disclosure", "coordinators"),
                ])

            let visitor = site.browser()
            let list = try await visitor.get("/listings")
            #expect(list.status == .ok)
            #expect(Self.rows(list) == 1)
            #expect(list.contains("公開の急速冷凍技術"))
            #expect(try await visitor.get(open).contains("公開の詳細"))
            #expect(try await visitor.get(members).location?.hasPrefix("/signin?next=") == true, "a members' listing asks a visitor to sign in")
            #expect(!list.contains("data-testid=\"new-need\""))

            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(Self.rows(try await member.get("/listings")) == 3)
            let withheld = try await member.get(secret)
            #expect(withheld.contains("概要だけは会員に"))
            #expect(withheld.contains("data-testid=\"details-withheld\""))
            #expect(!withheld.contains("極秘の液体窒素条件"))
            #expect(!withheld.contains("data-testid=\"edit-listing\""))
            #expect(try await member.get(secret + "/edit").status == .forbidden)
            #expect(try await member.post(secret + "/status", [("status", "closed")]).status == .forbidden)

            // A need that only the secret details would answer gets no candidate from them.
            let need = try await Self.post(member, [("kind", "need"), ("title", "液体窒素の条件を知りたい"), ("summary", "液体窒素の条件")])
            let needPage = try await member.get(need)
            #expect(!needPage.contains("href=\"\(secret)\""))
            #expect(try await coordinator.get(need).contains("href=\"\(secret)\""))

            // Filters: kind, status, text, mine.
            #expect(Self.rows(try await member.get("/listings?kind=need")) == 1)
            #expect(Self.rows(try await member.get("/listings?mine=1")) == 1)
            #expect(Self.rows(try await member.get("/listings?q=" + Browser.encode("冷凍"))) == 2)
            let closed = try await coordinator.post(members + "/status", [("status", "closed")])
            #expect(closed.status == .seeOther)
            #expect(Self.rows(try await member.get("/listings?status=closed")) == 1)
            #expect(try await member.get(members).contains("data-testid=\"listing-status\">終了"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func badListingFormsComeBackWithEveryMessageAndWriteNothing(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.get("/listings/new")
            let bad = try await member.post(
                "/listings",
                [
                    ("kind", "offer"), ("stage", "research"), ("title", ""), ("summary", "概要"), ("expiresOn", "31/12/2026"),
                    ("disclosure", "organizations"), ("fields", "x"),
                ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("シーズかニーズかを選んでください。"))
            #expect(bad.contains("日付は 2026-12-31 の形で入力してください。"))
            #expect(bad.contains("data-testid=\"listing-form\""))
            let past = try await member.post(
                "/listings",
                [
                    ("kind", "need"), ("stage", "research"), ("title", "期限切れ"), ("summary", "概要"), ("expiresOn", "2001-01-01"),
                    ("disclosure", "organizations"),
                ])
            #expect(past.status == .unprocessableContent)
            #expect(past.contains("期限は今より後の日付にしてください。"))
            #expect(past.contains("開示先の組織を選んでください。"))
            #expect(past.contains("value=\"期限切れ\""), "what was typed comes back")
            #expect(Self.rows(try await member.get("/listings?mine=1")) == 0)

            let noToken = try await member.post("/listings", [("kind", "need"), ("title", "t"), ("summary", "s"), ("_csrf", "")])
            #expect(noToken.status == .forbidden)
            #expect(try await member.post("/listings/999999/status", [("status", "closed")]).status == .notFound)
            #expect(try await member.post("/listings/1/status", [("status", "gone")]).status == .unprocessableContent)

            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            #expect(try await guest.get("/listings/new").status == .forbidden)
            #expect(try await site.browser().get("/listings/new").location?.hasPrefix("/signin") == true)
        }
    }
}
