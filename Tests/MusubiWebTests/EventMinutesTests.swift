import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// A roundtable's record, as seed 001's first one was written: "第1回 平成23年11月15日(火)", its
/// participants for their organisations, agenda, minutes, the declaration adopted, action items
/// with owners and due days; read by whom the minutes' visibility admits, ticked off by owners.
@Suite struct EventMinutesTests {
    @Test(arguments: TestDatabase.available)
    func theFirstRoundtableIsRecordedWithItsEraDateAndReadByWhomItAdmits(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let event = String(
                try #require(
                    try await coordinator.post(
                        "/events",
                        [
                            ("kind", "roundtable"), ("title", "第1回 産学官金連携ラウンドテーブル"), ("startsAt", "2011-11-15T14:00"),
                            ("endsAt", "2011-11-15T16:00"), ("visibility", "members"),
                        ]
                    ).location?.split(separator: "?").first))
            let industry = try await site.community.addMember("second@example.jp", "山本 工業", sector: .industry)
            try await site.community.addMember("third@example.jp", "川口 製作", sector: .industry)
            for member in [c.member.id, industry.id] { try await coordinator.post(event + "/walk-ins", [("member", String(member))]) }

            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(try await member.get(event + "/minutes").status == .notFound, "nothing to read before it is written")
            #expect(try await coordinator.get(event + "/minutes").section("minutes").contains("議事録を書く"))
            #expect(try await member.post(event + "/minutes", [("minutes", "x")]).status == .forbidden)

            let tooLong = try await coordinator.post(event + "/minutes", [("minutes", String(repeating: "議", count: 20_001))])
            #expect(tooLong.status == .unprocessableContent)
            #expect(try await member.get(event + "/minutes").status == .notFound, "nothing half-written")
            let saved = try await coordinator.post(
                event + "/minutes",
                [
                    ("agenda", "1. 開会\n2. 意見交換「地域の産業振興のために」\n\n3. 共同宣言の採択"), ("minutes", "各機関の代表が取組を報告した。<script>x</script>"),
                    ("decisions", "共同宣言を採択した"), ("visibility", "participants"),
                ])
            #expect(saved.location?.contains("notice=minutes_saved") == true)

            let read = try await member.get(event + "/minutes")
            #expect(read.status == .ok)
            #expect(read.section("minutes").contains("第1回 産学官金連携ラウンドテーブル <span class=\"minutes-date\">平成23年11月15日(火)</span>"))
            #expect(read.section("minutes-participants").contains("山本 工業(\(c.organizations[.industry]!.name))"))
            #expect(read.section("minutes-agenda").contains("<li>2. 意見交換「地域の産業振興のために」</li>") && !read.section("minutes-agenda").contains("<li></li>"))
            #expect(read.section("minutes-body").contains("&lt;script&gt;") && read.section("minutes-decisions").contains("共同宣言を採択した"))
            #expect(try await member.get(event).section("event").contains(event + "/minutes"))

            let third = site.browser()
            try await third.signIn("third@example.jp")
            #expect(try await third.get(event + "/minutes").status == .forbidden, "took no part")
            #expect(!(try await third.get(event)).contains(event + "/minutes"))
            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            #expect(try await guest.get(event + "/minutes").status == .notFound, "a members' event is not a guest's")

            // Action items: owned by someone who took part, due on a day, ticked off by the owner.
            let stranger = try await coordinator.post(event + "/actions", [("text", "報告書"), ("owner", "999999")])
            #expect(stranger.status == .unprocessableContent && stranger.contains("担当は出席者から選んでください"))
            #expect(try await coordinator.post(event + "/actions", [("text", "報告書"), ("due", "来年")]).status == .unprocessableContent)
            try await coordinator.post(event + "/actions", [("text", "連携コーディネーターを配置する"), ("owner", String(c.member.id)), ("due", "2012-03-31")])
            let actions = try await member.get(event + "/minutes")
            #expect(actions.section("minutes-actions").contains("連携コーディネーターを配置する") && actions.contains("平成24年3月31日(土)"))
            let action = try #require(actions.section("minutes-actions").firstMatch(of: /data-testid="action-(\d+)"/).map { String($0.1) })
            let second = site.browser()
            try await second.signIn("second@example.jp")
            #expect(try await second.post(event + "/actions/\(action)/done", [("done", "1")]).status == .forbidden, "not theirs")
            #expect(try await member.post(event + "/actions/\(action)/done", [("done", "1")]).status == .seeOther)
            #expect(try await member.get(event + "/minutes").section("action-\(action)").contains("✓ 連携コーディネーターを配置する"))

            // Opened to members: the one who took no part reads them too.
            try await coordinator.post(event + "/minutes", [("agenda", "1. 開会"), ("minutes", "報告"), ("visibility", "members")])
            #expect(try await third.get(event + "/minutes").status == .ok)
        }
    }
}
