import Foundation
import HTTPTypes
import MusubiCore
import MusubiTestSupport
import NIOCore
import Testing

/// Slack-compatible incoming webhooks: an admin makes one for a channel and gets its secret
/// URL once; Slack's JSON posted there appears in the channel under the webhook's name,
/// marked as an app; wrong or revoked secrets get 404, bad bodies 400, and nothing is posted.
@Suite struct IncomingWebhookTests {
    static func hook(_ site: TestSite, _ path: String, _ body: String, type: String = "application/json") async throws -> (
        HTTPResponse.Status, String
    ) {
        let response = try await site.client.executeRequest(uri: path, method: .post, headers: [.contentType: type], body: ByteBuffer(string: body))
        return (response.status, String(buffer: response.body))
    }

    static func webhookPath(in page: Browser.Page) -> String? {
        page.body.firstMatch(of: /<code data-testid="webhook-url">[^<]*(\/api\/hooks\/[^<]+)<\/code>/).map { String($0.output.1) }
    }

    @Test(arguments: TestDatabase.available)
    func anAdminsWebhookPostsSlacksJSONIntoTheChannel(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            let lobby = "/exchange/channels/\(site.community.lobby.id)"
            #expect(try await admin.get(lobby).contains("data-testid=\"webhook-form\""))
            #expect(try await admin.post(lobby + "/webhooks", [("name", " ")]).status == .unprocessableContent)
            let created = try await admin.post(lobby + "/webhooks", [("name", "設備予約システム")])
            #expect(created.status == .created)
            let path = try #require(Self.webhookPath(in: created))
            #expect(!(try await admin.get(lobby).contains(path)), "the URL is shown once")

            let (status, answer) = try await Self.hook(
                site, path,
                #"""
                {"text": "明日の *予約* は <https://example.jp/r?a=1&amp;b=2|こちら> &amp; <!channel> へ <@U024BE7LH>", "username": "予約ボット", "icon_emoji": ":robot_face:"}
                """#)
            #expect(status == .ok && answer == "ok")
            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(try await member.get("/exchange").section("my-channels").contains("data-testid=\"mentions\">@1"), "@channel reaches the seated")
            let timeline = try await member.get(lobby).section("timeline")
            #expect(timeline.contains("<strong>予約ボット</strong> <span class=\"badge\" data-testid=\"app-badge\">連携</span>"))
            #expect(timeline.contains("🤖"))
            #expect(timeline.contains("<strong>予約</strong>"))
            #expect(
                timeline.contains(
                    "<a href=\"https://example.jp/r?a=1&amp;b=2\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">こちら</a> &amp; "))
            #expect(timeline.contains("@U024BE7LH"), "a Slack person unknown here stays text")

            // A stored mention of someone outside the channel, spelled out, stays text; a
            // username that is a member's name is still marked as an app.
            let guest = site.community.guest
            #expect(try await Self.hook(site, path, #"{"text": "&lt;@\#(guest.id)&gt; さん", "username": "松本 恭平"}"#).0 == .ok)
            let spoofed = try await member.get(lobby).section("timeline")
            #expect(spoofed.contains("@\(guest.id) さん") && !spoofed.contains(guest.name))
            #expect(spoofed.contains("<strong>松本 恭平</strong> <span class=\"badge\" data-testid=\"app-badge\">"))

            // Blocks stand for the text; attachments follow as quotes; a form with `payload` works too.
            let blocks = #"""
                {"text": "fallback", "blocks": [{"type": "header", "text": {"type": "plain_text", "text": "週報"}},
                  {"type": "section", "fields": [{"type": "mrkdwn", "text": "*件数*\n12"}]}, {"type": "divider"}, {"type": "actions", "elements": []}],
                 "attachments": [{"color": "#36a64f", "title": "水素タンク", "title_link": "https://example.jp/t", "text": "圧力 *正常*",
                  "fields": [{"title": "温度", "value": "20℃"}], "footer": "監視"}]}
                """#
            #expect(try await Self.hook(site, path, "payload=" + Browser.encode(blocks), type: "application/x-www-form-urlencoded").0 == .ok)
            let page = try await member.get(lobby).section("timeline")
            #expect(page.contains("<strong>週報</strong>") && page.contains("<strong>件数</strong><br>12") && !page.contains("fallback"))
            #expect(
                page.contains("<blockquote><a href=\"https://example.jp/t\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">水素タンク</a><br>"))
            #expect(page.contains("圧力 <strong>正常</strong><br><strong>温度</strong>: 20℃<br>監視</blockquote>"))
            #expect(page.contains("<strong>設備予約システム</strong>"), "without a username, the webhook's name")

            // What cannot be posted is refused, and nothing is posted.
            let before = try await member.get(lobby).cards("message", in: "timeline").count
            let refusals: [(String, String, HTTPResponse.Status, String)] = [
                ("/api/hooks/wrong-secret", #"{"text": "x"}"#, .notFound, "no_service"),
                (path, "not json", .badRequest, "invalid_payload"),
                (path, #"["text"]"#, .badRequest, "invalid_payload"),
                (path, #"{"text": 42}"#, .badRequest, "invalid_payload"),
                (path, #"{"attachments": "x"}"#, .badRequest, "invalid_payload"),
                (path, #"{"username": "誰か"}"#, .badRequest, "no_text"),
                (path, #"{"text": "  "}"#, .badRequest, "no_text"),
                (path, #"{"text": "\#(String(repeating: "長", count: MessageText.limit + 1))"}"#, .badRequest, "msg_too_long"),
                (path, #"{"text": "\#(String(repeating: "a", count: Exchange.webhookLimits.payload))"}"#, .badRequest, "invalid_payload"),
                (path, #"{"text": "x", "username": "\#(String(repeating: "名", count: 81))"}"#, .badRequest, "invalid_payload"),
            ]
            for (target, body, expected, text) in refusals {
                let (status, answer) = try await Self.hook(site, target, body)
                #expect(status == expected && answer == text, "\(body.prefix(40))")
            }
            #expect(try await member.get(lobby).cards("message", in: "timeline").count == before)

            // Revoked: 404 from then on; the list shows it revoked; both steps are audited.
            let id = try #require(try await admin.get(lobby).body.firstMatch(of: /data-testid="webhook-(\d+)"/).map { String($0.output.1) })
            #expect(try await member.post(lobby + "/webhooks/\(id)/revoke").status == .forbidden)
            #expect(try await admin.post(lobby + "/webhooks/\(id)/revoke").status == .seeOther)
            #expect(try await Self.hook(site, path, #"{"text": "x"}"#) == (.notFound, "no_service"))
            #expect(!(try await admin.get(lobby).section("webhooks").contains("data-testid=\"revoke-webhook\"")))
            let audit = try await site.community.env.persistence.read { repos in
                (
                    try await repos.audit.search(AuditQuery(action: .webhookCreated)).total,
                    try await repos.audit.search(AuditQuery(action: .webhookRevoked)).total
                )
            }
            #expect(audit == (1, 1))
        }
    }
}
