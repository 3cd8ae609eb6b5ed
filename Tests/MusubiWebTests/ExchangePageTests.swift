import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// The exchange as people use it without JavaScript: channels, posting, threads, editing,
/// deleting, reactions, mentions and unread badges, and what others may not see.
@Suite struct ExchangePageTests {
    static func channelID(from location: String?) -> String {
        String(location?.split(separator: "?").first?.split(separator: "#").first?.split(separator: "/").last ?? "")
    }

    @Test(arguments: TestDatabase.available)
    func aConversationWithAThreadAMentionAnEditAndADeletion(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let maker = try await site.community.addMember("maker@example.jp", "山本 工業", sector: .industry)
            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.get("/exchange/new")
            let created = try await member.post(
                "/exchange/channels", [("name", "水素の広場"), ("kind", "public"), ("purpose", "general"), ("topic", "水素の話題")])
            #expect(created.status == .seeOther)
            let channel = "/exchange/channels/" + Self.channelID(from: created.location)

            let posted = try await member.post(
                channel + "/messages", [("body", "*試作機* ができました <script>alert(1)</script> https://example.jp/a?b=1&c=2")])
            #expect(posted.status == .seeOther)
            let page = try await member.get(channel)
            let body = page.section("timeline")
            #expect(body.contains("<strong>試作機</strong>"))
            #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !body.contains("<script>alert"))
            #expect(body.contains("<a href=\"https://example.jp/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">"))

            // Another member reads it, joins, and mentions the author.
            let other = site.browser()
            try await other.signIn("maker@example.jp")
            let before = try await other.get(channel)
            #expect(before.contains("data-testid=\"join-form\"") && !before.contains("data-testid=\"compose\""))
            #expect(try await other.get("/exchange/browse?q=水素").contains("水素の広場"))
            #expect(try await other.post(channel + "/join").status == .seeOther)
            let root = try #require(posted.location?.split(separator: "#").last.map { String($0.dropFirst()) })
            let reply = try await other.post(channel + "/messages", [("thread", root), ("body", "@松本恭平 さん、見学できますか"), ("alsoToChannel", "1")])
            #expect(reply.location?.hasPrefix("/exchange/messages/\(root)#m") == true)

            // The author sees the mention, the unread badge and the reply in the thread.
            #expect(try await member.get("/").section("home-missed").contains("水素の広場"))
            let list = try await member.get("/exchange")
            #expect(list.section("my-channels").contains("data-testid=\"mentions\">@1"))
            let mentions = try await member.get("/exchange/mentions")
            #expect(mentions.section("mentions").contains("見学できますか"))
            #expect(mentions.section("mentions").contains("@松本 恭平"))
            let thread = try await member.get("/exchange/messages/\(root)")
            #expect(thread.section("thread-replies").contains("山本 工業"))
            #expect(try await member.get(channel).section("timeline").contains("見学できますか"), "also sent to the channel")
            #expect(!(try await member.get("/exchange").section("my-channels").contains("data-testid=\"unread\"")), "read once seen")
            #expect(try await member.get("/").section("home-missed").contains("未読はありません"))

            // Edit (only the author), react, delete (a tombstone stays).
            #expect(try await other.get("/exchange/messages/\(root)/edit").status == .forbidden)
            #expect(try await member.get("/exchange/messages/\(root)/edit").contains("*試作機* ができました"))
            #expect(try await member.post("/exchange/messages/\(root)/edit", [("body", "試作機 2 号ができました")]).status == .seeOther)
            #expect(try await other.post("/exchange/messages/\(root)/reactions", [("emoji", "🎉")]).status == .seeOther)
            let edited = try await member.get(channel)
            #expect(edited.contains("data-testid=\"edited\"") && edited.section("reactions").contains("🎉 1"))
            #expect(try await other.post("/exchange/messages/\(root)/delete").status == .forbidden)
            let deleted = try await member.post("/exchange/messages/\(root)/delete")
            // The notice is in the query, where the page reads it, not lost after the `#`.
            #expect(deleted.status == .seeOther && deleted.location?.contains("?notice=message_deleted#m") == true, "\(deleted.location ?? "")")
            let after = try await other.get("/exchange/messages/\(root)")
            #expect(after.contains("data-testid=\"tombstone\"") && !after.contains("試作機 2 号"))
            #expect(after.section("thread-replies").contains("見学できますか"))
            _ = maker
        }
    }

    @Test(arguments: TestDatabase.available)
    func privateChannelsAndDirectConversationsStayWithTheirPeople(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let room = "/exchange/channels/\(c.room.id)"
            let message = try await c.env.persistence.read { try await $0.messages.timeline(channelID: c.room.id, before: nil, limit: 1) }.first!.id
            for email in ["coord@example.jp", "admin@example.jp", "guest@example.jp"] {
                let browser = site.browser()
                try await browser.signIn(email)
                #expect(try await browser.get(room).status == .notFound, "\(email)")
                #expect(try await browser.get("/exchange/messages/\(message)").status == .notFound, "\(email)")
                #expect(try await browser.get("/exchange/messages/\(message)/edit").status == .notFound, "\(email)")
                #expect(try await browser.post(room + "/messages", [("body", "覗き見")]).status == .notFound, "\(email)")
                #expect(try await browser.post("/exchange/messages/\(message)/reactions", [("emoji", "👍")]).status == .notFound, "\(email)")
                #expect(try await browser.post("/exchange/messages/\(message)/delete").status == .notFound, "\(email)")
                #expect(try await browser.post(room + "/join").status == .notFound, "\(email)")
                #expect(!(try await browser.get("/exchange").contains("共同研究の相談")), "\(email)")
                #expect(!(try await browser.get("/exchange/mentions").contains("社外秘")), "\(email)")
            }
            let visitor = site.browser()
            #expect(try await visitor.get(room).status == .seeOther)

            // A direct conversation: the two see it; a third does not.
            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.get("/exchange/direct?q=西村")
            let opened = try await member.post("/exchange/direct", [("member", String(c.coordinator.id))])
            let direct = "/exchange/channels/" + Self.channelID(from: opened.location)
            #expect(try await member.post(direct + "/messages", [("body", "ご相談があります")]).status == .seeOther)
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await coordinator.get("/exchange").section("direct").contains("松本 恭平"))
            #expect(try await coordinator.get(direct).contains("ご相談があります"))
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            #expect(try await admin.get(direct).status == .notFound)
            #expect(try await member.post("/exchange/direct", []).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.available)
    func badInputIsRefusedWithAMessageAndNothingWritten(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let lobby = "/exchange/channels/\(c.lobby.id)"
            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.get(lobby)
            let empty = try await member.post(lobby + "/messages", [("body", "   ")])
            #expect(empty.status == .unprocessableContent && empty.contains("class=\"error\""))
            #expect(try await member.post(lobby + "/messages", [("body", String(repeating: "長", count: 9_000))]).status == .unprocessableContent)
            #expect(try await member.post(lobby + "/messages", [("body", "返信"), ("thread", "999999")]).status == .unprocessableContent)
            #expect(try await member.post(lobby + "/seat", [("notify", "loud")]).status == .unprocessableContent)
            #expect(try await member.post(lobby + "/retention", [("days", "30")]).status == .forbidden)
            #expect(try await member.post("/exchange/channels", [("name", "雑談"), ("kind", "public"), ("purpose", "general")]).status == .conflict)
            let stored = try await c.env.persistence.read { try await $0.messages.timeline(channelID: c.lobby.id, before: nil, limit: 10) }
            #expect(stored.isEmpty)

            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            try await admin.get(lobby)
            #expect(try await admin.post(lobby + "/retention", [("days", "0")]).status == .unprocessableContent)
            #expect(try await admin.post(lobby + "/retention", [("days", "ten")]).status == .unprocessableContent)
            #expect(try await admin.post(lobby + "/retention", [("days", "365")]).status == .seeOther)
            #expect(try await c.env.persistence.read { try await $0.channels.find(id: c.lobby.id) }?.retentionDays == 365)
        }
    }
    @Test(arguments: TestDatabase.available)
    func theAdminMarksAnAnnouncementChannelOnItsPage(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            let lobby = "/exchange/channels/\(c.lobby.id)"
            try await admin.post(lobby + "/join")
            #expect(try await admin.get(lobby).body.contains(#"data-testid="announcement-form""#))
            let marked = try await admin.post(lobby + "/announcement", [("announcement", "1")])
            #expect(marked.status == .seeOther && marked.location?.contains("notice=announcement_on") == true)
            #expect(try await admin.get(lobby).body.contains(#"value="1" checked data-testid="announcement""#))
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(!(try await coordinator.get(lobby)).body.contains(#"data-testid="announcement-form""#), "the admin's")
        }
    }
    @Test(arguments: TestDatabase.available)
    func aPersonsPageOpensADirectConversationWithThem(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let page = try await member.get("/members/\(c.coordinator.id)")
            #expect(page.body.contains(#"data-testid="send-message""#))
            #expect(!(try await member.get("/members/\(c.member.id)")).body.contains(#"data-testid="send-message""#), "not to oneself")
            let opened = try await member.post("/exchange/direct", [("member", "\(c.coordinator.id)")])
            let channel = try #require(opened.location)
            #expect(opened.status == .seeOther && channel.hasPrefix("/exchange/channels/"))
            // The same conversation again, not a second one.
            #expect(try await member.post("/exchange/direct", [("member", "\(c.coordinator.id)")]).location == channel)
        }
    }
    @Test(arguments: TestDatabase.available)
    func aGuestIsOfferedNoLinkThatWouldNotOpen(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/invite", [("member", "\(c.guest.id)")])
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "@陳 怡婷 さん、ようこそ")])
            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            let lobby = try await guest.get("/exchange/channels/\(c.lobby.id)")
            #expect(lobby.status == .ok && lobby.body.contains("ようこそ"))
            #expect(!lobby.body.contains(#"href="/members/\#(c.coordinator.id)""#), "no author or mention links to pages a guest cannot open")
            #expect(lobby.body.contains(#"<span class="mention">@陳 怡婷</span>"#))
            #expect(!(try await guest.get("/exchange")).body.contains(#"data-testid="browse-channels""#))
            #expect(try await guest.get("/members/\(c.coordinator.id)").status == .notFound, "the page they are not offered")
        }
    }
}
