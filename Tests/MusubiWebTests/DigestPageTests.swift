import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// The weekly digest as a member meets it: its web page and its API, the mail it becomes (read
/// as a mail program reads it), and the mail's link that stops it without signing in.
@Suite struct DigestPageTests {
    /// A week with something in each section for the member (in 水素技術): a notice for
    /// everyone, a funding call on hydrogen closing in ten days, and a mention.
    static func week(_ site: TestSite) async throws {
        let c = site.community
        let bulletins = Bulletins(site.environment)
        let now = site.environment.now()
        try await bulletins.publish(
            c.actor(c.coordinator), BulletinDraft(kind: .networkNotice, title: "展示発表会のご案内", body: "12月の展示発表会です", visibility: .public))
        try await bulletins.publish(
            c.actor(c.coordinator),
            BulletinDraft(
                kind: .fundingCall, title: "水素実証<補助金>", body: "補助率 1/2", fieldIDs: [c.hydrogen.id],
                funding: FundingDetails(funderName: "県産業振興課", deadline: now.addingTimeInterval(10 * 86_400))))
        let coordinator = site.browser()
        try await coordinator.signIn("coord@example.jp")
        try await coordinator.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "@松本 恭平 さん、展示のご相談です")])
    }

    @Test(arguments: TestDatabase.available)
    func theWeekShowsOnItsPageAndInTheAPI(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            try await Self.week(site)
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let page = try await member.get("/me/digest")
            #expect(page.status == .ok)
            for section in ["waiting", "funding_calls", "bulletins"] {
                #expect(page.body.contains(#"data-testid="digest-\#(section)""#), "\(section)")
            }
            #expect(page.body.contains("西村 健さんが #雑談 であなたをメンションしました"))
            #expect(page.body.contains("水素実証&lt;補助金&gt;") && !page.body.contains("水素実証<補助金>"), "titles are escaped")
            #expect(page.body.contains("県産業振興課") && page.body.contains("展示発表会のご案内"))
            #expect(page.body.contains("この Musubi は週刊ダイジェストのメールを送っていません。"), "the test site sends none")

            let api = try await MatchingAPITests.client(site, "member@example.jp")
            let digest = try await api.call(.get, "/api/v1/me/digest")
            #expect(digest.status == .ok && digest.object["waitingCount"] as? Int == 1)
            let calls = try #require(digest.object["fundingCalls"] as? [[String: Any]])
            #expect(calls.first?["title"] as? String == "水素実証<補助金>" && calls.first?["funder"] as? String == "県産業振興課")
            #expect((calls.first?["path"] as? String)?.hasPrefix("/bulletins/") == true)

            // A guest's week holds the public notice only.
            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            let theirs = try await guest.get("/me/digest").body
            #expect(theirs.contains("展示発表会のご案内") && !theirs.contains("水素実証"))
            #expect(try await site.browser().get("/me/digest").status == .seeOther, "a visitor is sent to sign in")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theMailReadsRightAndItsLinkStopsTheDigestWithoutSigningIn(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            try await Self.week(site)
            let round = try await Digests(site.environment).send(week: "2026-09-21", until: site.environment.now())
            #expect(round.mailed >= 2)
            let mails = try await InvitationMailTests.mails(site).filter { $0.subject.contains("週刊ダイジェスト") }
            #expect(mails.count == round.mailed)
            let mail = try #require(mails.first { $0.to.first?.address == "member@example.jp" })
            #expect(mail.subject.hasPrefix("[テスト結び] 週刊ダイジェスト("))
            #expect(mail.text.hasPrefix("松本 恭平 様\n"))
            for heading in ["■ 未読のメンション・メッセージ", "■ 3週間以内に締め切る、あなたに合う公募・補助金", "■ あなたの分野の新しいお知らせ"] {
                #expect(mail.text.contains(heading), "\(heading)")
            }
            #expect(mail.text.contains("・水素実証<補助金>") && mail.html?.contains("水素実証&lt;補助金&gt;") == true)
            #expect(mail.text.contains("http://127.0.0.1:8080/bulletins/") && mail.text.contains("http://127.0.0.1:8080/me/digest"))
            let unsubscribe = try #require(mail.unsubscribe)
            #expect(mail.text.contains("週刊ダイジェストを停止する: " + unsubscribe))

            let path = try #require(URL(string: unsubscribe)?.path)
            let stranger = site.browser()
            #expect(try await stranger.get(path).body.contains("週刊ダイジェスト"))
            #expect(try await stranger.post(path, csrf: false).status == .seeOther)
            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(try await member.get("/me/notifications").body.contains(#"<option value="off" selected>受け取らない</option>"#))

            // Turned on again from the page and through the API; a way the digest has not is refused.
            #expect(try await member.post("/me/notifications", [("weekly_digest", "on")]).status == .seeOther)
            #expect(try await member.get("/me/notifications").body.contains(#"<option value="on" selected>受け取る</option>"#))
            #expect(try await member.post("/me/notifications", [("weekly_digest", "sometimes")]).status == .unprocessableContent)
            let api = try await MatchingAPITests.client(site, "member@example.jp")
            let off = try await api.call(.put, "/api/v1/me/notification-preferences", json: ["weekly_digest": "off"])
            #expect(off.status == .ok && off.object["weekly_digest"] as? String == "off" && off.object["mention"] as? String == "mail")
            #expect(try await api.call(.put, "/api/v1/me/notification-preferences", json: ["weekly_digest": "in_app"]).status.code / 100 == 4)
        }
    }
}
