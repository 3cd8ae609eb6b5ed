import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@Suite struct DirectoryPageTests {
    @Test(arguments: TestDatabase.available)
    func theDirectoryFiltersBySectorFieldRegionAndText(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("member@example.jp")
            func rows(_ query: String) async throws -> Int {
                let page = try await browser.get("/members" + query)
                #expect(page.status == .ok)
                return page.body.components(separatedBy: "data-testid=\"member-row\"").count - 1
            }
            #expect(try await rows("") == 4)
            #expect(try await rows("?sector=academia") == 1)
            #expect(try await rows("?field=\(site.community.decarbonisation.id)") == 2)
            #expect(try await rows("?q=" + Browser.encode("ﾏｲｸﾛﾊﾞﾌﾞﾙ")) == 1)
            #expect(try await rows("?q=" + Browser.encode("まいくろばぶる")) == 1)
            #expect(try await rows("?municipality=" + Browser.encode("境港市")) == 1)
            #expect(try await rows("?prefecture=13") == 0)
            #expect(try await browser.get("/members?q=" + Browser.encode("存在しない言葉")).contains("条件に合う会員はいません"))
        }
    }

    /// Cards and filter lists are rendered once and kept (Views.cards, renderedOptions):
    /// what is kept must never be stale or belong to another language or selection.
    @Test(arguments: TestDatabase.available)
    func keptCardsAndFilterListsFollowEditsLanguageAndSelection(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("member@example.jp")
            #expect(try await browser.get("/members").contains("松本 恭平"))
            try await browser.get("/me/edit")
            let edited = try await browser.post(
                "/me/edit",
                [
                    ("name", "松本 恭平"), ("nameKana", "まつもと きょうへい"), ("title", "主任研究員"), ("keywords", "陸上養殖, 閉鎖循環"),
                    ("offer", ""), ("seeking", ""), ("fields", String(site.community.aquaculture.id)),
                ])
            #expect(edited.status == .seeOther)
            let after = try await browser.get("/members")
            #expect(after.contains("主任研究員"))
            #expect(after.contains("<li>閉鎖循環</li>"))

            let academia = try await browser.get("/members?sector=academia&prefecture=31&field=\(site.community.hydrogen.id)")
            #expect(academia.contains("<option value=\"academia\" selected>"))
            #expect(academia.contains("<option value=\"31\" selected>"))
            #expect(academia.contains("<option value=\"\(site.community.hydrogen.id)\" selected>"))
            #expect(!academia.contains("<option value=\"\" selected>"))
            let unfiltered = try await browser.get("/members")
            #expect(!unfiltered.contains("<option value=\"academia\" selected>"))
            #expect(unfiltered.body.components(separatedBy: "<option value=\"\" selected>").count - 1 == 3)
            let unknown = try await browser.get("/members?prefecture=99&field=999999")
            #expect(unknown.status == .ok)
            #expect(unknown.body.components(separatedBy: " selected>").count - 1 == 1) // only the sector's "all"

            try await browser.get("/lang/en?back=%2Fmembers")
            let english = try await browser.get("/members?sector=academia")
            #expect(english.contains("<option value=\"academia\" selected>Academia</option>"))
            #expect(english.contains(">Academia</span>"))
            #expect(!english.contains(">学術</span>"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func visitorsSeeOrganisationsButNotPeople(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let visitor = site.browser()
            let home = try await visitor.get("/")
            #expect(home.contains("<html lang=\"ja\">"))
            #expect(home.contains("data-testid=\"community-size\""))
            #expect(!home.contains("松本 恭平"))
            let organization = try await visitor.get("/organizations/\(site.community.organizations[.academia]!.id)")
            #expect(organization.contains("山陰工業高等専門学校"))
            #expect(!organization.contains("ウェブサイト:"), "no website, no empty line for one")
            #expect(!organization.contains("松本 恭平"))
            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(try await member.get("/organizations/\(site.community.organizations[.academia]!.id)").contains("松本 恭平"))
            #expect(try await member.get("/").contains("松本 恭平"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anOrganisationsPageListsItsOpenSeedsAndNeedsAsTheReaderMaySeeThem(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let listings = Listings(site.environment)
            func draft(_ title: String, _ disclosure: Disclosure) -> ListingDraft {
                ListingDraft(
                    kind: .seed, title: title, summary: "概要", details: "", fieldIDs: [], keywords: [], partnerSectors: [], stage: .research,
                    expiresOn: nil, disclosure: disclosure, disclosedTo: [])
            }
            try await listings.post(c.actor(c.member), draft("公開のシーズ", .public))
            try await listings.post(c.actor(c.member), draft("会員向けのシーズ", .members))
            let path = "/organizations/\(c.organizations[.academia]!.id)"
            let visitor = try await site.browser().get(path)
            #expect(visitor.contains(#"data-testid="organization-listings""#) && visitor.contains("公開のシーズ"))
            #expect(!visitor.contains("会員向けのシーズ"))
            let member = site.browser()
            try await member.signIn("guest@example.jp")
            let page = try await member.get(path)
            #expect(page.contains("公開のシーズ") == true)
            #expect(
                !(try await site.browser().get("/organizations/\(c.organizations[.finance]!.id)")).contains(#"data-testid="organization-listings""#))
            let filtered = try await member.get("/listings?organization=\(c.organizations[.academia]!.id)")
            #expect(filtered.contains("公開のシーズ"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theLanguageSwitchTurnsThePageEnglishAndBack(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            let switched = try await browser.get("/lang/en?back=%2Forganizations")
            #expect(switched.status == .seeOther)
            #expect(switched.location == "/organizations")
            let english = try await browser.get("/organizations")
            #expect(english.contains("<html lang=\"en\">"))
            #expect(english.contains("Organisations"))
            #expect(english.contains("data-testid=\"lang-ja\""))
            try await browser.get("/lang/ja?back=https%3A%2F%2Fevil.example")
            #expect(try await browser.get("/").contains("<html lang=\"ja\">"))
            #expect(try await browser.get("/lang/xx").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func coordinatorsEditGroupsAndTheirMembers(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("coord@example.jp")
            let group = site.community.group
            try await browser.get("/groups/\(group.id)")
            #expect(
                try await browser.post("/groups/\(group.id)/members", [("memberID", String(site.community.admin.id)), ("role", "lead")]).status
                    == .seeOther)
            let page = try await browser.get("/groups/\(group.id)")
            #expect(page.contains("岡田 美咲"))
            let subgroup = try await browser.post("/groups", [("kind", "subcommittee"), ("name", "水産分科会"), ("parentID", String(group.id))])
            #expect(subgroup.status == .seeOther)
            let subID = try #require(subgroup.location?.split(separator: "/").last.flatMap { Int64($0.split(separator: "?")[0]) })
            let nested = try await browser.post("/groups", [("kind", "subcommittee"), ("name", "孫"), ("parentID", String(subID))])
            #expect(nested.status == .unprocessableContent)
            #expect(try await browser.get("/groups").contains("水産分科会"))
        }
    }
}
