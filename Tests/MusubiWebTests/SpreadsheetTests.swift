import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// What coordinators take to Excel: the member directory, the funnel (for a fiscal year or
/// any dates), and a bulk matching's results, as CSV that Japanese Excel opens (UTF-8 with a
/// BOM, CRLF), where nothing a member typed can run as a formula.
@Suite struct SpreadsheetTests {
    static func lines(_ page: Browser.Page) -> [String] {
        #expect(page.headers[.contentType] == "text/csv; charset=utf-8" && page.body.hasPrefix("\u{FEFF}"))
        return String(page.body.dropFirst()).components(separatedBy: "\r\n")
    }

    @Test(arguments: TestDatabase.available)
    func theMemberDirectoryGoesToExcelForCoordinatorsOnly(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            try await site.environment.persistence.write {
                try await $0.members.updateProfile(
                    id: c.guest.id,
                    with: ProfileDraft(
                        name: c.guest.name, nameKana: c.guest.nameKana, profile: Profile(title: "=HYPERLINK(\"https://example.com\",\"x\")"),
                        fieldIDs: c.guest.fieldIDs))
            }
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let csv = try await coordinator.get("/manage/people/csv")
            #expect(csv.status == .ok && csv.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
            let lines = Self.lines(csv)
            #expect(lines[0] == "氏名,ふりがな,所属,セクター,役職,分野,メールアドレス,役割,状態,登録日")
            let member = try #require(lines.first { $0.hasPrefix("松本 恭平,") })
            #expect(member.contains(",member@example.jp,会員,有効,"), "\(member)")
            #expect(member.contains(",学術,") && member.contains(",水素技術,"), "\(member)")
            #expect(lines.contains { $0.hasPrefix("新井 一郎,") && $0.contains(",承認待ち,") }, "waiting applicants are listed too")
            let guest = try #require(lines.first { $0.hasPrefix("陳 怡婷,") })
            #expect(guest.contains(#","'=HYPERLINK(""https://example.com"",""x"")","#), "a formula stays text: \(guest)")
            #expect(lines.last == "")

            let member2 = site.browser()
            try await member2.signIn("member@example.jp")
            #expect(try await member2.get("/manage/people/csv").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFunnelIsCountedForAFiscalYearOrAnyDatesAndDownloaded(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            try await Listings(site.environment).post(
                c.actor(c.member),
                ListingDraft(
                    kind: .seed, title: "微細気泡の発生装置", summary: "装置", details: "", fieldIDs: [c.hydrogen.id], keywords: [],
                    partnerSectors: [.industry], stage: .research, expiresOn: nil, disclosure: .members, disclosedTo: []))
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            // The test clock stands in September 2026: 令和8年度.
            #expect(MatchingToolPageTests.cell(try await coordinator.get("/manage/funnel"), row: "funnel-total").first == "1")
            #expect(MatchingToolPageTests.cell(try await coordinator.get("/manage/funnel?fy=2026"), row: "funnel-total").first == "1")
            #expect(MatchingToolPageTests.cell(try await coordinator.get("/manage/funnel?fy=2025"), row: "funnel-total").first == "0")
            let dated = try await coordinator.get("/manage/funnel?from=2026-09-01&to=2026-09-30")
            #expect(MatchingToolPageTests.cell(dated, row: "funnel-total").first == "1")
            #expect(MatchingToolPageTests.cell(try await coordinator.get("/manage/funnel?from=2026-10-01"), row: "funnel-total").first == "0")
            #expect(try await coordinator.get("/manage/funnel?from=2026-10-01&to=2026-09-01").status == .unprocessableContent)
            #expect(try await coordinator.get("/manage/funnel?from=昨日").status == .badRequest)

            let lines = Self.lines(try await coordinator.get("/manage/funnel/csv?fy=2026"))
            #expect(lines[0] == "区分,,シーズ,ニーズ,候補の閲覧,紹介依頼,承認,成立,成果あり,分野をまたぐ紹介")
            #expect(lines[1].hasPrefix("合計,,1,0,"), "\(lines[1])")
            #expect(lines.contains { $0.hasPrefix("分野別,脱炭素,1,") }, "\(lines)")
            #expect(lines.contains { $0.hasPrefix("セクター別,学術,1,") }, "\(lines)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBulkMatchingsResultsGoToExcel(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let (_, seed) = try await IntroductionFlowTests.seedPage(site)
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let file = (name: "needs", filename: "needs.json", type: "application/json", data: Data(MatchingToolPageTests.needsJSON.utf8))
            let csv = try await coordinator.upload("/manage/matching", [("top", "3"), ("format", "csv")], files: [file])
            #expect(csv.status == .ok)
            let lines = Self.lines(csv)
            #expect(lines[0] == "ニーズID,ニーズ,順位,シーズID,シーズ,適合度,理由")
            let first = try #require(lines.first { $0.hasPrefix("survey-1,") })
            #expect(first.contains(",1,\(IntroductionFlowTests.id(of: seed)),") && first.contains("ファインバブル"), "\(first)")
            #expect(lines.contains { $0.hasPrefix("survey-2,") }, "a need with no seed still has its line")
        }
    }
}
