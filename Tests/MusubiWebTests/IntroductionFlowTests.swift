import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// A member asks to meet a listing's owner; a coordinator approves; the owner accepts; only
/// then do both see each other's e-mail and share a thread with the coordinator.
@Suite struct IntroductionFlowTests {
    static func seedPage(_ site: TestSite) async throws -> (owner: Browser, seed: String) {
        let owner = site.browser()
        try await owner.signIn("member@example.jp")
        try await owner.get("/listings/new")
        let posted = try await owner.post(
            "/listings",
            [
                ("kind", "seed"), ("stage", "prototype"), ("disclosure", "members"), ("title", "微細気泡の発生装置"), ("summary", "直径50µmの泡を安定して作る"),
            ])
        return (owner, String(posted.location?.split(separator: "?").first ?? ""))
    }

    static func ask(_ browser: Browser, listingID: String, message: String) async throws -> Browser.Page {
        try await browser.get("/introductions/new?listing=\(listingID)")
        return try await browser.post("/introductions", [("listing", listingID), ("message", message)])
    }

    static func id(of path: String) -> String { String(path.split(separator: "/").last ?? "") }

    @Test(arguments: TestDatabase.available)
    func bothSidesAgreeBeforeContactsAndTheThreadOpen(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            try await site.community.addMember("maker@example.jp", "山本 工業", sector: .industry)
            let (owner, seed) = try await Self.seedPage(site)
            let requester = site.browser()
            try await requester.signIn("maker@example.jp")
            #expect(try await requester.get(seed).contains("data-testid=\"ask-introduction\""))
            #expect(!(try await owner.get(seed).contains("data-testid=\"ask-introduction\"")), "nobody asks to meet themselves")

            let asked = try await Self.ask(requester, listingID: Self.id(of: seed), message: "カキ養殖の網の洗浄に使えないか相談したいです。")
            #expect(asked.status == .seeOther)
            let introduction = String(asked.location?.split(separator: "?").first ?? "")
            #expect(introduction.hasPrefix("/introductions/"))
            let requested = try await requester.get(introduction)
            #expect(requested.contains("data-testid=\"introduction-status\">確認待ち"))
            #expect(!requested.contains("member@example.jp"), "no contact before both agree")

            // Not yet the owner's to see; asking twice is refused.
            #expect(try await owner.get(introduction).status == .notFound)
            #expect(!(try await owner.get("/introductions").contains(introduction)))
            #expect(try await Self.ask(requester, listingID: Self.id(of: seed), message: "もう一度").status == .conflict)

            // The coordinator's queue has it; they approve with a note.
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let queue = try await coordinator.get("/introductions")
            #expect(queue.contains("href=\"\(introduction)\""))
            #expect(try await coordinator.get(introduction).contains("data-testid=\"review-form\""))
            #expect(try await requester.post(introduction + "/review", [("decision", "approve")]).status == .forbidden)
            let approved = try await coordinator.post(introduction + "/review", [("decision", "approve"), ("note", "水産試験場の例もあります。")])
            #expect(approved.status == .seeOther)
            #expect(try await coordinator.post(introduction + "/review", [("decision", "decline")]).status == .conflict, "decided once")

            // The owner now sees it and answers; the requester cannot answer for them.
            let waiting = try await owner.get(introduction)
            #expect(waiting.contains("data-testid=\"answer-form\""))
            #expect(waiting.contains("水産試験場の例もあります。"))
            #expect(!waiting.contains("maker@example.jp"))
            #expect(try await requester.post(introduction + "/answer", [("answer", "accept")]).status == .forbidden)
            #expect(try await owner.post(introduction + "/messages", [("body", "早すぎる")]).status == .forbidden, "no thread before both agree")
            #expect(try await owner.post(introduction + "/answer", [("answer", "accept")]).status == .seeOther)

            // Contacts are shared with both; the thread is theirs and the coordinator's.
            let connected = try await requester.get(introduction)
            #expect(connected.contains("data-testid=\"introduction-status\">成立"))
            #expect(connected.contains("mailto:member@example.jp"))
            #expect(try await owner.get(introduction).contains("mailto:maker@example.jp"))
            #expect(try await requester.post(introduction + "/messages", [("body", "来週お伺いできますか。")]).status == .seeOther)
            #expect(try await coordinator.post(introduction + "/messages", [("body", "<b>同席します</b>")]).status == .seeOther)
            let thread = try await owner.get(introduction)
            #expect(thread.contains("来週お伺いできますか。"))
            #expect(thread.contains("&lt;b&gt;同席します&lt;/b&gt;"))

            let outsider = site.browser()
            try await site.community.addMember("other@example.jp", "外部 太郎", sector: .finance)
            try await outsider.signIn("other@example.jp")
            #expect(try await outsider.get(introduction).status == .notFound)
            #expect(try await outsider.post(introduction + "/messages", [("body", "覗き見")]).status == .notFound)

            // Outcomes, each with its day; a day ahead is refused.
            let outcome = try await owner.post(introduction + "/outcomes", [("kind", "meeting_held"), ("on", "2026-01-15"), ("note", "工場見学")])
            #expect(outcome.status == .seeOther, "\(outcome)")
            let future = try await owner.post(introduction + "/outcomes", [("kind", "nda_signed"), ("on", "2999-01-01")])
            #expect(future.status == .unprocessableContent)
            #expect(future.contains("成果の日付は今日以前にしてください。"))
            let bad = try await owner.post(introduction + "/outcomes", [("kind", "married"), ("on", "15/01/2026")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("成果の種類を選んでください。"))
            let recorded = try await requester.get(introduction)
            #expect(recorded.contains("面談を実施"))
            #expect(!recorded.contains("秘密保持契約を締結</li>"))
            #expect(try await requester.get("/introductions").contains("href=\"\(introduction)\""))
        }
    }

    @Test(arguments: TestDatabase.available)
    func declinedRequestsNeverReachTheOtherSide(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            try await site.community.addMember("maker@example.jp", "山本 工業", sector: .industry)
            let (owner, seed) = try await Self.seedPage(site)
            let requester = site.browser()
            try await requester.signIn("maker@example.jp")
            let asked = try await Self.ask(requester, listingID: Self.id(of: seed), message: "営業のご案内")
            let introduction = String(asked.location?.split(separator: "?").first ?? "")
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await coordinator.post(introduction + "/review", [("decision", "decline"), ("note", "趣旨が合いません")]).status == .seeOther)
            #expect(try await owner.get(introduction).status == .notFound)
            #expect(try await owner.post(introduction + "/answer", [("answer", "accept")]).status == .notFound)
            let declined = try await requester.get(introduction)
            #expect(declined.contains("趣旨が合いません"))
            #expect(!declined.contains("member@example.jp"))
            // Once settled, asking again is allowed.
            #expect(try await Self.ask(requester, listingID: Self.id(of: seed), message: "改めて、共同研究の相談です").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func badRequestsGetMessagesAndWriteNothing(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let (owner, seed) = try await Self.seedPage(site)
            let empty = try await Self.ask(site.browser(), listingID: Self.id(of: seed), message: "x")
            #expect(empty.status == .unauthorized || empty.status == .seeOther, "a visitor cannot ask")
            let mine = try await Self.ask(owner, listingID: Self.id(of: seed), message: "自分に")
            #expect(mine.status == .unprocessableContent)
            #expect(mine.contains("自分自身への紹介は依頼できません。"))

            try await site.community.addMember("maker@example.jp", "山本 工業", sector: .industry)
            let requester = site.browser()
            try await requester.signIn("maker@example.jp")
            let blank = try await Self.ask(requester, listingID: Self.id(of: seed), message: "   ")
            #expect(blank.status == .unprocessableContent)
            #expect(blank.contains("data-testid=\"introduction-request-form\""))
            #expect(try await Self.ask(requester, listingID: "999999", message: "存在しない").status == .notFound)
            #expect(try await requester.post("/introductions", [("message", "宛先なし")]).status == .unprocessableContent)
            #expect(
                try await requester.post("/introductions", [("member", String(site.community.applicant.id)), ("message", "申請中の人へ")]).status
                    == .notFound)

            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            #expect(try await guest.get("/introductions/new?listing=\(Self.id(of: seed))").status == .forbidden)
            #expect(!(try await requester.get("/introductions").contains("data-testid=\"introduction-row\"")), "nothing was written")

            // A person, not a listing: asked from their profile page.
            #expect(try await requester.get("/members/\(site.community.member.id)").contains("/introductions/new?member=\(site.community.member.id)"))
            let person = try await requester.post("/introductions", [("member", String(site.community.member.id)), ("message", "水素の件で")])
            #expect(person.status == .seeOther)
        }
    }
}
