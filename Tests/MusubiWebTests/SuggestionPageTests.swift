import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// The mix: a member is shown someone from another field, bridged by a concept, whom they
/// have never dealt with; a coordinator pins a suggestion for them.
@Suite struct SuggestionPageTests {
    /// A company's need in aquaculture, and a support centre's need in the researcher's own field.
    static func listings(_ site: TestSite) async throws -> (maker: Browser, need: String, sameField: String) {
        try await site.community.addMember("maker@example.jp", "山本 水産", sector: .industry)
        let maker = site.browser()
        try await maker.signIn("maker@example.jp")
        let need = try await ListingPageTests.post(
            maker,
            [
                ("kind", "need"), ("title", "カキの養殖網の汚れを落としたい"), ("summary", "ﾅﾉﾊﾞﾌﾞﾙで網を洗えないか試したい"),
                ("fields", String(site.community.aquaculture.id)),
            ])
        let coordinator = site.browser()
        try await coordinator.signIn("coord@example.jp")
        let sameField = try await ListingPageTests.post(
            coordinator,
            [
                ("kind", "need"), ("title", "水素製造装置の気泡を細かくしたい"), ("summary", "マイクロバブルで電解の効率を上げたい"),
                ("fields", String(site.community.hydrogen.id)),
            ])
        return (maker, need, sameField)
    }

    @Test(arguments: TestDatabase.available)
    func aMemberIsShownSomeoneFromAnotherFieldUntilTheyMeet(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let (_, need, sameField) = try await Self.listings(site)
            // The researcher (hydrogen, with マイクロバブル among their keywords).
            let researcher = site.browser()
            try await researcher.signIn("member@example.jp")
            let home = try await researcher.get("/")
            let mix = home.cards("candidate", in: "home-mix")
            #expect(mix.count == 1, "\(mix)")
            #expect(mix.first?.contains("href=\"\(need)\"") == true, "the aquaculture need, from another field")
            #expect(mix.first?.contains("共通する概念: ファインバブル") == true, "with the concept that bridges them")
            #expect(!home.section("home-mix").contains(sameField), "their own field is no mix")
            // The same-field need is an ordinary candidate of theirs: only the mix leaves it out.
            let profile = try await researcher.get("/members/\(site.community.member.id)")
            #expect(profile.section("person-matches").contains(sameField))

            let digest = try await researcher.get("/suggestions")
            #expect(digest.status == .ok)
            #expect(digest.cards("candidate", in: "digest").first?.contains(need) == true)
            #expect(!digest.contains("data-testid=\"community-tab\""), "the community view is the coordinators'")
            #expect(try await researcher.get("/suggestions?scope=community").section("community-suggestions").isEmpty)

            // Once they asked to meet, the maker is no longer a stranger.
            try await researcher.get("/introductions/new?listing=\(IntroductionFlowTests.id(of: need))")
            let asked = try await researcher.post("/introductions", [("listing", IntroductionFlowTests.id(of: need)), ("message", "網の洗浄に協力できそうです。")])
            #expect(asked.status == .seeOther)
            #expect(!(try await researcher.get("/").section("home-mix").contains(need)))
            #expect(!(try await researcher.get("/suggestions").section("digest").contains(need)))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCoordinatorPinsASuggestionForAMember(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let (maker, need, _) = try await Self.listings(site)
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let community = try await coordinator.get("/suggestions?scope=community")
            #expect(community.status == .ok)
            let rows = community.cards("community-suggestion", in: "community-suggestions")
            let researcherRow = try #require(rows.first { $0.contains("/members/\(site.community.member.id)\"") })
            #expect(researcherRow.contains(need))

            let memberID = String(site.community.member.id)
            let needID = IntroductionFlowTests.id(of: need)
            let pin = [("member", memberID), ("kind", "listing"), ("subject", needID), ("note", "網の洗浄は先生の研究にぴったりです")]
            #expect(try await maker.post("/suggestions/pins", pin).status == .forbidden, "members do not pin")
            #expect(try await coordinator.post("/suggestions/pins", pin).status == .seeOther)
            #expect(try await coordinator.post("/suggestions/pins", pin).status == .conflict, "pinned once")
            #expect(
                try await coordinator.post("/suggestions/pins", [("member", memberID), ("kind", "listing"), ("subject", "999999")]).status
                    == .unprocessableContent)
            #expect(
                try await coordinator.post("/suggestions/pins", [("member", memberID), ("kind", "planet"), ("subject", needID)]).status
                    == .unprocessableContent)
            #expect(
                try await coordinator.post("/suggestions/pins", [("member", "999999"), ("kind", "listing"), ("subject", needID)]).status
                    == .unprocessableContent)

            let researcher = site.browser()
            try await researcher.signIn("member@example.jp")
            let home = try await researcher.get("/")
            let first = try #require(home.cards("candidate", in: "home-mix").first)
            #expect(first.contains("data-testid=\"pinned\""))
            #expect(first.contains("網の洗浄は先生の研究にぴったりです"))
            #expect(first.contains(need))
            #expect(!first.contains("/remove\""), "only coordinators take pins off")
            let audit = try await site.community.env.persistence.read { try await $0.audit.search(AuditQuery(action: .suggestionPinned)) }
            #expect(audit.total == 1)

            // The coordinator finds it again among the pins, and takes it off.
            let pinnedList = try await coordinator.get("/suggestions?scope=community").cards("pinned-suggestion", in: "pinned-suggestions")
            #expect(pinnedList.count == 1)
            #expect(pinnedList.first?.contains("網の洗浄は先生の研究にぴったりです") == true)
            #expect(pinnedList.first?.contains("/remove\"") == true)
            let pins = try await site.community.env.persistence.read { try await $0.suggestionPins.pinned(for: site.community.member.id) }
            let pinID = try #require(pins.first?.id)
            #expect(try await researcher.post("/suggestions/pins/\(pinID)/remove").status == .forbidden)
            #expect(try await coordinator.post("/suggestions/pins/\(pinID)/remove").status == .seeOther)
            #expect(!(try await researcher.get("/").contains("data-testid=\"pinned\"")))
            #expect(try await coordinator.post("/suggestions/pins/\(pinID)/remove").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func visitorsAndGuestsGetNoMix(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            _ = try await Self.listings(site)
            let visitor = site.browser()
            #expect(!(try await visitor.get("/").contains("data-testid=\"home-mix\"")))
            #expect(try await visitor.get("/suggestions").status == .seeOther, "asked to sign in")
            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            #expect(!(try await guest.get("/").contains("data-testid=\"home-mix\"")))
            #expect(try await guest.get("/suggestions").status == .notFound)
        }
    }
}
