import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// The bell and its page as a member uses them, the choices page, the mail a notice becomes
/// (read as a mail program reads it), and its unsubscribe link used by someone not signed in.
@Suite struct NotificationPageTests {
    /// How the outbox's first letter reads as mail, rendered as the running site renders it.
    static func firstMail(_ site: TestSite) async throws -> MailMessage {
        try #require(try await InvitationMailTests.mails(site).first)
    }

    @Test(arguments: TestDatabase.available)
    func aMentionRingsTheBellListsOnItsPageAndIsMarkedRead(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "@松本 恭平 さん、<b>水素</b>の件です")])

            let member = site.browser()
            try await member.signIn("member@example.jp")
            let home = try await member.get("/")
            #expect(home.body.contains(#"data-testid="bell-count">1</span>"#))
            #expect(home.body.contains("通知（未読 1 件）"))
            let page = try await member.get("/notifications")
            #expect(page.body.contains("西村 健さんが #雑談 であなたをメンションしました"))
            #expect(page.body.contains("@松本 恭平 さん、&lt;b&gt;水素&lt;/b&gt;の件です"), "the excerpt is text, escaped")

            let read = try await member.post("/notifications/read")
            #expect(read.status == .seeOther)
            let after = try await member.get("/")
            #expect(after.body.contains(#"data-testid="bell-count" hidden>0</span>"#))
            #expect(try await member.post("/notifications/read", [("id", "x")]).status == .unprocessableContent)

            // A visitor has no bell.
            #expect(!(try await site.browser().get("/")).body.contains(#"data-testid="bell""#))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theMailReadsRightAndItsLinkStopsTheKindWithoutSigningIn(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "@松本 恭平 <script>x</script> 見てください")])

            let mail = try await Self.firstMail(site)
            #expect(mail.subject == "[テスト結び] 西村 健さんが #雑談 であなたをメンションしました")
            #expect(mail.from.name == "テスト結び" && mail.from.address == "noreply@127.0.0.1")
            #expect(mail.to == [MailAddress(name: "松本 恭平", address: "member@example.jp")])
            #expect(mail.text.hasPrefix("松本 恭平 様\n"))
            #expect(mail.text.contains("<script>x</script>"), "the text part is plain text")
            #expect(mail.html?.contains("&lt;script&gt;x&lt;/script&gt;") == true && mail.html?.contains("<script>") == false)
            let unsubscribe = try #require(mail.unsubscribe)
            #expect(mail.text.contains(unsubscribe) && mail.html?.contains("<a href=\"\(unsubscribe)\">") == true)
            #expect(mail.text.contains("http://127.0.0.1:8080/exchange/messages/"))

            // The link, opened: a page that asks; a mail program's one-click POST: no cookie, no token.
            let path = try #require(URL(string: unsubscribe)?.path)
            let stranger = site.browser()
            #expect(try await stranger.get(path).body.contains("メンション"))
            let stopped = try await stranger.post(path, csrf: false)
            #expect(stopped.status == .seeOther && stopped.location == path + "?done=1")
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let choices = try await member.get("/me/notifications")
            #expect(choices.body.contains(#"<option value="in_app" selected>"#))

            // Choices saved from the page; a value that is not a choice is refused.
            #expect(try await member.post("/me/notifications", [("mention", "digest")]).status == .seeOther)
            #expect(try await member.get("/me/notifications").body.contains(#"<option value="digest" selected>"#))
            #expect(try await member.post("/me/notifications", [("mention", "loudly")]).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.available)
    func programsReadMarkAndChooseThroughTheAPI(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = try await MatchingAPITests.client(site, "coord@example.jp")
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            for text in ["一つ目", "二つ目"] {
                let posted = try await coordinator.call(.post, "/api/v1/channels/\(c.lobby.id)/messages", json: ["body": "@松本 恭平 \(text)"])
                #expect(posted.status == .created)
            }
            let listed = try await member.call(.get, "/api/v1/notifications?unread=true")
            #expect(listed.status == .ok && listed.object["unread"] as? Int == 2 && listed.items.count == 2)
            let newest = try #require(listed.items.first)
            #expect(newest["step"] as? String == "mentioned" && newest["read"] as? Bool == false)
            #expect((newest["text"] as? String)?.contains("西村 健さんが #雑談 であなたをメンションしました") == true)
            #expect((newest["path"] as? String)?.hasPrefix("/exchange/messages/") == true)

            let marked = try await member.call(.post, "/api/v1/notifications/read", json: ["ids": [newest["id"] as? Int ?? 0]])
            #expect(marked.status == .ok && marked.object["marked"] as? Int == 1 && marked.object["unread"] as? Int == 1)
            #expect(try await member.call(.post, "/api/v1/notifications/read", json: [String: Any]()).object["unread"] as? Int == 0)

            let chosen = try await member.call(.put, "/api/v1/me/notification-preferences", json: ["mention": "digest"])
            #expect(chosen.status == .ok && chosen.object["mention"] as? String == "digest" && chosen.object["direct_message"] as? String == "mail")
            #expect(try await member.call(.put, "/api/v1/me/notification-preferences", json: ["mention": "loudly"]).status.code / 100 == 4)
            #expect(try await member.call(.put, "/api/v1/me/notification-preferences", json: ["weather": "mail"]).status.code / 100 == 4)
            #expect(try await APIClient(client: site.client, token: nil).call(.get, "/api/v1/notifications").status == .unauthorized)
        }
    }
}
