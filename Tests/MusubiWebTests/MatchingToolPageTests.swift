import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// The coordinators' funnel and bulk matching.
@Suite struct MatchingToolPageTests {
    static func cell(_ page: Browser.Page, row testID: String) -> [String] {
        let section = page.body.components(separatedBy: "data-testid=\"\(testID)\"").dropFirst().first ?? ""
        let row = section.components(separatedBy: "</tr>").first ?? ""
        return row.components(separatedBy: "<td").dropFirst().map { cell in
            let text = cell.split(separator: ">", maxSplits: 1).last.map(String.init) ?? ""
            return String(text.prefix { $0 != "<" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFunnelCountsLooksIntroductionsOutcomesAndCrossings(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let (owner, seed) = try await IntroductionFlowTests.seedPage(site) // the researcher's seed (no field)
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await owner.get("/manage/funnel").status == .notFound, "the funnel is the coordinators'")

            // A company in aquaculture looks at the seed twice and asks to meet its owner (hydrogen).
            let maker = try await site.community.addMember("maker@example.jp", "山本 水産", sector: .industry)
            _ = try await site.community.env.persistence.write { repos in
                try await repos.members.updateProfile(
                    id: maker.id,
                    with: ProfileDraft(
                        name: maker.name, nameKana: "", profile: maker.profile, fieldIDs: [site.community.aquaculture.id]
                    ))
            }
            let requester = site.browser()
            try await requester.signIn("maker@example.jp")
            try await requester.get(seed)
            try await requester.get(seed)
            let seedID = IntroductionFlowTests.id(of: seed)
            let asked = try await IntroductionFlowTests.ask(requester, listingID: seedID, message: "網の洗浄に使えないか")
            let introduction = String(asked.location?.split(separator: "?").first ?? "")
            #expect(try await coordinator.post(introduction + "/review", [("decision", "approve")]).status == .seeOther)
            #expect(try await owner.post(introduction + "/answer", [("answer", "accept")]).status == .seeOther)
            #expect(try await owner.post(introduction + "/outcomes", [("kind", "meeting_held"), ("on", "2026-01-15")]).status == .seeOther)

            let funnel = try await coordinator.get("/manage/funnel")
            #expect(funnel.status == .ok)
            // seeds, needs, candidate views, requested, approved, accepted, with an outcome, across fields
            let total = Self.cell(funnel, row: "funnel-total")
            #expect(total.count == 8)
            #expect(total[0] == "1" && total[1] == "0", "\(total)")
            #expect(total[2] == "1", "the requester looked twice on one day, which counts once: \(total)")
            #expect(Array(total[3...]) == ["1", "1", "1", "1", "0"], "the seed has no field, so no crossing is claimed: \(total)")
            #expect(funnel.contains("data-testid=\"funnel-outcomes\""))
            #expect(funnel.section("funnel-outcomes").isEmpty == false)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anIntroductionBetweenFieldsCountsAsACrossing(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            // The researcher (hydrogen) posts an aquaculture-free seed in hydrogen; a guest-free company in aquaculture asks.
            let owner = site.browser()
            try await owner.signIn("member@example.jp")
            let seed = try await ListingPageTests.post(
                owner,
                [
                    ("kind", "seed"), ("title", "微細気泡の発生装置"), ("summary", "泡を安定して作る"), ("fields", String(site.community.hydrogen.id)),
                ])
            let maker = try await site.community.addMember("maker@example.jp", "山本 水産", sector: .industry)
            _ = try await site.community.env.persistence.write { repos in
                try await repos.members.updateProfile(
                    id: maker.id,
                    with: ProfileDraft(
                        name: maker.name, nameKana: "", profile: maker.profile, fieldIDs: [site.community.aquaculture.id]
                    ))
            }
            let requester = site.browser()
            try await requester.signIn("maker@example.jp")
            _ = try await IntroductionFlowTests.ask(requester, listingID: IntroductionFlowTests.id(of: seed), message: "相談したい")
            let funnel = try await coordinator.get("/manage/funnel")
            #expect(Self.cell(funnel, row: "funnel-total").last == "1")
            #expect(funnel.section("funnel-fields").contains("脱炭素"), "counted under the seed's top field")
            #expect(funnel.section("funnel-sectors").contains("学"), "and the posting organisation's sector")
        }
    }

    static let needsJSON = """
        [{"id": "survey-1", "title": "カキ養殖網の汚れ", "body": "網に付く汚れをナノバブルで落としたい", "fields": ["aquaculture"]},
         {"id": "survey-2", "title": "事業承継の相談", "body": "後継者がいない"}]
        """

    @Test(arguments: TestDatabase.available)
    func aCoordinatorMatchesAnUploadedBatchOfNeeds(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let (owner, seed) = try await IntroductionFlowTests.seedPage(site)
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await coordinator.get("/manage/matching").status == .ok)
            #expect(try await owner.get("/manage/matching").status == .notFound)

            let file = (name: "needs", filename: "needs.json", type: "application/json", data: Data(Self.needsJSON.utf8))
            let page = try await coordinator.upload("/manage/matching", [("top", "3"), ("format", "page")], files: [file])
            #expect(page.status == .ok, "\(page)")
            let results = page.body.components(separatedBy: "data-testid=\"bulk-result\"").dropFirst()
            #expect(results.count == 2)
            #expect(results.first?.contains("survey-1") == true)
            #expect(results.first?.contains("href=\"\(seed)\"") == true, "the bubbles seed meets the survey's need")
            #expect(results.first?.contains("共通する概念: ファインバブル") == true)

            let download = try await coordinator.upload("/manage/matching", [("top", "3"), ("format", "json")], files: [file])
            #expect(download.headers[.contentDisposition]?.contains("attachment") == true)
            let json = try JSONSerialization.jsonObject(with: Data(download.body.utf8)) as? [String: [Int]]
            #expect(json?["survey-1"] == [Int(IntroductionFlowTests.id(of: seed))!])
            #expect(json?["survey-2"] == [])

            // A need whose id happens to be the seed's listing id still meets it.
            let sameID = IntroductionFlowTests.id(of: seed)
            let clash = Data("[{\"id\": \"\(sameID)\", \"title\": \"養殖網の洗浄\", \"body\": \"マイクロバブルで\"}]".utf8)
            let clashed = try await coordinator.upload(
                "/manage/matching", [("format", "json")], files: [(name: "needs", filename: "n.json", type: "application/json", data: clash)])
            #expect((try JSONSerialization.jsonObject(with: Data(clashed.body.utf8)) as? [String: [Int]])?[sameID] == [Int(sameID)!])

            // Pasted CSV works too; a bad file is refused with its problems and nothing matched.
            let csv = try await coordinator.upload(
                "/manage/matching", [("pasted", "id,title,body\nq1,養殖網の洗浄,マイクロバブルで\n"), ("format", "page")], files: [])
            #expect(csv.status == .ok)
            #expect(csv.contains("href=\"\(seed)\""))
            let bad = Data(#"[{"id": "a", "title": "ok"}, {"title": "no id"}, {"id": "c", "title": "x", "sector": "space"}]"#.utf8)
            let refused = try await coordinator.upload(
                "/manage/matching", [("format", "page")], files: [(name: "needs", filename: "bad.json", type: "application/json", data: bad)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("entry 2: id is missing"))
            #expect(refused.contains("unknown sector"))
            #expect(!refused.contains("data-testid=\"bulk-result\""))
            #expect(try await coordinator.upload("/manage/matching", [("format", "page")], files: []).status == .unprocessableContent)
            #expect(try await coordinator.upload("/manage/matching", [("top", "500")], files: [file]).status == .unprocessableContent)
            #expect(try await owner.upload("/manage/matching", [], files: [file]).status == .notFound)
        }
    }
}
