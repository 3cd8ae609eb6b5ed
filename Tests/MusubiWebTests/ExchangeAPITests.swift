import Foundation
import HTTPTypes
import MusubiCore
import MusubiTestSupport
import Testing

/// The exchange through the API, as a bot or another client uses it: channels, messages,
/// threads, reactions, files, search, mentions and events, and what each caller may not see.
@Suite struct ExchangeAPITests {
    static func ids(_ items: [[String: Any]], _ key: String = "id") -> [Int] { items.compactMap { $0[key] as? Int } }

    @Test(arguments: TestDatabase.available)
    func messagesThreadsReactionsFilesSearchAndEvents(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let (lobby, room) = (Int(c.lobby.id), Int(c.room.id))
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            let coordinator = try await MatchingAPITests.client(site, "coord@example.jp")
            let guest = try await MatchingAPITests.client(site, "guest@example.jp")
            let visitor = APIClient(client: site.client, token: nil)

            // Where events start from.
            let start = try await coordinator.call(.get, "/api/v1/events")
            #expect(start.items.isEmpty)
            let cursor = try #require(start.object["cursor"] as? Int)

            #expect(Set(Self.ids(try await member.call(.get, "/api/v1/channels").items)) == [lobby, room])
            #expect(Self.ids(try await guest.call(.get, "/api/v1/channels").items).isEmpty)

            // The member writes to the coordinator by name; it is stored as a mention.
            let posted = try await member.call(.post, "/api/v1/channels/\(lobby)/messages", json: ["body": "@西村 健 さん、水素の件で *相談* です <b>"])
            #expect(posted.status == .created, "\(posted.body)")
            let rootID = try #require(posted.object["id"] as? Int)
            #expect(posted.object["body"] as? String == "<@\(c.coordinator.id)> さん、水素の件で *相談* です <b>")
            let html = try #require(posted.object["html"] as? String)
            #expect(html.contains("/members/\(c.coordinator.id)") && html.contains("<strong>相談</strong>") && html.contains("&lt;b&gt;"))
            #expect((posted.object["author"] as? [String: Any])?["name"] as? String == "松本 恭平")

            let unread = try await coordinator.call(.get, "/api/v1/channels").items.first { $0["id"] as? Int == lobby }
            #expect((unread?["unread"] as? [String: Any])?["mentions"] as? Int == 1)
            let mentions = try await coordinator.call(.get, "/api/v1/mentions")
            #expect(Self.ids(mentions.items.compactMap { $0["message"] as? [String: Any] }) == [rootID])

            // Reading the newest page marks it read.
            let timeline = try await coordinator.call(.get, "/api/v1/channels/\(lobby)/messages")
            #expect(Self.ids(timeline.items).last == rootID)
            #expect((timeline.object["channel"] as? [String: Any])?["memberCount"] as? Int == 2)
            let read = try await coordinator.call(.get, "/api/v1/channels").items.first { $0["id"] as? Int == lobby }
            #expect((read?["unread"] as? [String: Any])?["messages"] as? Int == 0)

            // A reply, also sent to the channel, and the thread it is in.
            let reply = try await coordinator.call(
                .post, "/api/v1/channels/\(lobby)/messages", json: ["body": "水素なら喜んで", "threadRootId": rootID, "alsoToChannel": true])
            #expect(reply.status == .created)
            #expect(reply.object["threadRootId"] as? Int == rootID && reply.object["inTimeline"] as? Bool == true)
            let thread = try await member.call(.get, "/api/v1/messages/\(rootID)/thread")
            #expect((thread.object["root"] as? [String: Any])?["replyCount"] as? Int == 1)
            #expect(Self.ids(thread.object["replies"] as? [[String: Any]] ?? []) == [try #require(reply.object["id"] as? Int)])
            #expect(
                try await coordinator.call(.post, "/api/v1/channels/\(lobby)/messages", json: ["body": "x", "threadRootId": 999_999]).status
                    == .unprocessableContent)

            // Only the author edits.
            let edited = try await member.call(.patch, "/api/v1/messages/\(rootID)", json: ["body": "水素の件で相談です（直しました）"])
            #expect(edited.status == .ok && edited.object["editedAt"] is String)
            #expect(try await coordinator.call(.patch, "/api/v1/messages/\(rootID)", json: ["body": "乗っ取り"]).status == .forbidden)

            // A reaction is added once however often it is sent, and taken back.
            for _ in 1...2 {
                #expect(try await coordinator.call(.post, "/api/v1/messages/\(rootID)/reactions", json: ["emoji": "👍"]).status == .noContent)
            }
            let reacted = try await member.call(.get, "/api/v1/messages/\(rootID)")
            let reactions = reacted.object["reactions"] as? [[String: Any]] ?? []
            #expect(reactions.count == 1 && reactions.first?["count"] as? Int == 1)
            #expect(reactions.first?["memberIds"] as? [Int] == [Int(c.coordinator.id)])
            #expect(try await coordinator.call(.delete, "/api/v1/messages/\(rootID)/reactions?emoji=%F0%9F%91%8D").status == .noContent)
            #expect((try await member.call(.get, "/api/v1/messages/\(rootID)").object["reactions"] as? [Any])?.isEmpty == true)
            #expect(try await coordinator.call(.post, "/api/v1/messages/\(rootID)/reactions", json: ["emoji": ":+1:"]).status == .noContent)
            #expect(try await coordinator.call(.delete, "/api/v1/messages/\(rootID)/reactions?emoji=%3A%2B1%3A").status == .noContent)
            #expect((try await member.call(.get, "/api/v1/messages/\(rootID)").object["reactions"] as? [Any])?.isEmpty == true)
            let badEmoji = try await coordinator.call(.post, "/api/v1/messages/\(rootID)/reactions", json: ["emoji": "<b>"])
            #expect(badEmoji.status == .unprocessableContent && badEmoji.errorCode == "error.invalid")

            // Search finds a two-character word, marked, among what each may see.
            let found = try await coordinator.call(.get, "/api/v1/search?q=%E6%B0%B4%E7%B4%A0&order=newest")
            #expect(found.status == .ok && found.object["total"] as? Int == 2)
            let marks = found.items.flatMap { $0["highlight"] as? [[String: Any]] ?? [] }.filter { $0["match"] as? Bool == true }
            #expect(!marks.isEmpty && marks.allSatisfy { $0["text"] as? String == "水素" })
            #expect(try await coordinator.call(.get, "/api/v1/search?q=%E7%A4%BE%E5%A4%96%E7%A7%98").object["total"] as? Int == 0)
            #expect(try await member.call(.get, "/api/v1/search?q=%E7%A4%BE%E5%A4%96%E7%A7%98").object["total"] as? Int == 1)
            #expect(try await guest.call(.get, "/api/v1/search?q=%E6%B0%B4%E7%B4%A0").object["total"] as? Int == 0)
            #expect(try await member.call(.get, "/api/v1/search?q=x&order=loudest").status == .badRequest)

            // A file, through multipart, only for those who may see the private room.
            let withFile = try await member.upload(
                "/api/v1/channels/\(room)/messages", [("body", "議事録です")],
                files: [
                    (name: "files", filename: "議事録.txt", type: "text/plain", data: Data("第一回 議事録\n".utf8))
                ])
            #expect(withFile.status == .created, "\(withFile.body)")
            let file = try #require((withFile.object["files"] as? [[String: Any]])?.first)
            let url = try #require(file["url"] as? String)
            let download = try await member.call(.get, url)
            #expect(download.status == .ok && download.body == "第一回 議事録\n")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(try await coordinator.call(.get, url).status == .notFound)
            #expect(try await visitor.call(.get, url).status == .unauthorized)
            let refused = try await member.upload(
                "/api/v1/channels/\(room)/messages", [("body", "")],
                files: [
                    (name: "files", filename: "tool.exe", type: "application/octet-stream", data: Data([0x4D, 0x5A, 0x90, 0x00]))
                ])
            #expect(refused.status == .unprocessableContent)
            let notAThread = try await member.upload("/api/v1/channels/\(room)/messages", [("body", "返信"), ("threadRootId", "abc")], files: [])
            #expect(notAThread.status == .badRequest)
            let misnamed = try await member.upload(
                "/api/v1/channels/\(room)/messages", [("body", "添付")],
                files: [
                    (name: "file", filename: "メモ.txt", type: "text/plain", data: Data("メモ\n".utf8))
                ])
            #expect(misnamed.status == .unprocessableContent)
            #expect(try await visitor.upload("/api/v1/channels/\(lobby)/messages", [("body", "誰?")], files: []).status == .unauthorized)

            // The private room stays private through every operation.
            let secretID = Int(c.roomFile.messageID)
            #expect(try await coordinator.call(.get, "/api/v1/channels/\(room)/messages").status == .notFound)
            #expect(try await coordinator.call(.get, "/api/v1/messages/\(secretID)").status == .notFound)
            #expect(try await coordinator.call(.get, "/api/v1/messages/\(secretID)/thread").status == .notFound)
            #expect(try await coordinator.call(.post, "/api/v1/channels/\(room)/messages", json: ["body": "入れて"]).status == .notFound)

            // Deleting leaves a tombstone that keeps its thread.
            #expect(try await member.call(.delete, "/api/v1/messages/\(rootID)").status == .noContent)
            let tombstone = try await coordinator.call(.get, "/api/v1/messages/\(rootID)/thread")
            #expect((tombstone.object["root"] as? [String: Any])?["deletedAt"] is String)
            #expect((tombstone.object["root"] as? [String: Any])?["body"] as? String == "")
            #expect((tombstone.object["replies"] as? [Any])?.count == 1)

            // The events since the cursor, in order, each in a channel the caller sits in.
            let events = try await coordinator.call(.get, "/api/v1/events?after=\(cursor)")
            #expect(
                events.items.map { $0["kind"] as? String } == ["posted", "posted", "edited", "reacted", "reacted", "reacted", "reacted", "deleted"])
            #expect(events.object["complete"] as? Bool == true)
            #expect(events.items.allSatisfy { $0["channelId"] as? Int == lobby })
            #expect(Self.ids(events.items) == Self.ids(events.items).sorted())
            #expect(events.object["cursor"] as? Int == Self.ids(events.items).last)
            let memberEvents = try await member.call(.get, "/api/v1/events?after=\(cursor)&limit=100")
            #expect(memberEvents.items.contains { $0["channelId"] as? Int == room })
            let one = try await member.call(.get, "/api/v1/events?after=\(cursor)&limit=1")
            #expect(one.items.count == 1 && one.object["cursor"] as? Int == Self.ids(one.items).first && one.object["complete"] as? Bool == false)
            #expect(try await member.call(.get, "/api/v1/events?after=abc").status == .badRequest)
            #expect(try await member.call(.get, "/api/v1/channels/\(lobby)/messages?before=newest").status == .badRequest)
            #expect(try await visitor.call(.get, "/api/v1/events?after=0").status == .unauthorized)

            // Malformed and unknown.
            #expect(try await member.call(.post, "/api/v1/channels/\(lobby)/messages", raw: "{\"body\": ").status == .badRequest)
            let wrongType = try await member.call(.post, "/api/v1/channels/\(lobby)/messages", json: ["body": 5])
            let problems = (wrongType.object["error"] as? [String: Any])?["problems"] as? [[String: Any]]
            #expect(wrongType.status == .badRequest && wrongType.errorCode == "error.bad_request")
            #expect(
                problems?.first?["field"] as? String == "body" && (problems?.first?["message"] as? String)?.isEmpty == false, "the field is named")
            #expect(try await member.call(.post, "/api/v1/channels/\(lobby)/messages", json: ["body": "  "]).status == .unprocessableContent)
            #expect(
                try await member.call(.post, "/api/v1/channels/\(lobby)/messages", json: ["body": String(repeating: "あ", count: 8_001)]).status
                    == .unprocessableContent)
            #expect(try await member.call(.get, "/api/v1/channels/999999/messages").status == .notFound)
            #expect(try await member.call(.get, "/api/v1/messages/999999").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func channelsAreOpenedJoinedSetUpAndHookedUp(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            let coordinator = try await MatchingAPITests.client(site, "coord@example.jp")
            let guest = try await MatchingAPITests.client(site, "guest@example.jp")
            let admin = try await MatchingAPITests.client(site, "admin@example.jp")

            let created = try await member.call(.post, "/api/v1/channels", json: ["kind": "public", "name": "水素の勉強会", "topic": "月一回"])
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.object["id"] as? Int)
            #expect(created.object["kind"] as? String == "public" && created.object["topic"] as? String == "月一回")
            #expect(try await member.call(.post, "/api/v1/channels", json: ["kind": "public", "name": "水素の勉強会"]).status == .conflict)
            #expect(try await member.call(.post, "/api/v1/channels", json: ["kind": "direct", "name": "二人"]).status == .unprocessableContent)
            #expect(try await member.call(.post, "/api/v1/channels", json: ["kind": "secret", "name": "x"]).status == .badRequest)
            #expect(try await member.call(.post, "/api/v1/channels", json: ["kind": "public", "name": ""]).status == .unprocessableContent)
            #expect(try await guest.call(.post, "/api/v1/channels", json: ["kind": "public", "name": "ゲストの部屋"]).status == .forbidden)

            // The coordinator finds it, joins, stars it, hears only mentions, and leaves.
            let browsed = try await coordinator.call(.get, "/api/v1/public-channels?q=%E6%B0%B4%E7%B4%A0")
            #expect(Self.ids(browsed.items) == [id] && browsed.object["total"] as? Int == 1)
            #expect(try await coordinator.call(.post, "/api/v1/channels/\(id)/join").status == .noContent)
            #expect(
                try await coordinator.call(.patch, "/api/v1/channels/\(id)/seat", json: ["starred": true, "notify": "mentions"]).status == .noContent)
            let seat = try await coordinator.call(.get, "/api/v1/channels").items.first { $0["id"] as? Int == id }?["seat"] as? [String: Any]
            #expect(seat?["starred"] as? Bool == true && seat?["notify"] as? String == "mentions" && seat?["muted"] as? Bool == false)
            #expect(try await coordinator.call(.patch, "/api/v1/channels/\(id)/seat", json: ["notify": "loud"]).status == .badRequest)
            #expect(try await coordinator.call(.post, "/api/v1/channels/\(id)/leave").status == .noContent)
            #expect(!Self.ids(try await coordinator.call(.get, "/api/v1/channels").items).contains(id))

            // Its topic, and a guest invited in (only coordinators bring guests).
            #expect(
                try await member.call(.put, "/api/v1/channels/\(id)/about", json: ["topic": "毎月第二火曜", "description": "水素の基礎から"]).status == .noContent)
            #expect(try await member.call(.get, "/api/v1/public-channels").items.first { $0["id"] as? Int == id }?["topic"] as? String == "毎月第二火曜")
            #expect(try await member.call(.post, "/api/v1/channels/\(id)/members", json: ["memberIds": [c.guest.id]]).status == .forbidden)
            #expect(try await member.call(.post, "/api/v1/channels/\(id)/members", json: ["memberIds": [999_999]]).status == .unprocessableContent)
            #expect(try await coordinator.call(.post, "/api/v1/channels/\(id)/members", json: ["memberIds": [c.guest.id]]).status == .noContent)
            #expect(Self.ids(try await guest.call(.get, "/api/v1/channels").items) == [id])

            // A direct conversation is the same one when opened again.
            let direct = try await member.call(.post, "/api/v1/direct-conversations", json: ["memberIds": [c.coordinator.id]])
            #expect(direct.status == .ok && direct.object["kind"] as? String == "direct" && direct.object["title"] as? String == "西村 健")
            #expect(
                try await member.call(.post, "/api/v1/direct-conversations", json: ["memberIds": [c.coordinator.id]]).object["id"] as? Int
                    == direct.object["id"] as? Int)
            #expect(try await member.call(.post, "/api/v1/direct-conversations", json: ["memberIds": [Int]()]).status == .unprocessableContent)

            // Retention and webhooks are the admins'.
            #expect(try await member.call(.put, "/api/v1/channels/\(id)/retention", json: ["days": 30]).status == .forbidden)
            #expect(try await admin.call(.put, "/api/v1/channels/\(id)/retention", json: ["days": 30]).status == .noContent)
            #expect(try await admin.call(.put, "/api/v1/channels/\(id)/retention", json: ["days": 0]).status == .unprocessableContent)
            #expect(
                try await admin.call(.put, "/api/v1/channels/\(id)/retention", json: ["day": 30]).status == .badRequest,
                "a misspelt key does not switch retention off")
            #expect(try await member.call(.get, "/api/v1/public-channels").items.first { $0["id"] as? Int == id }?["retentionDays"] as? Int == 30)
            let hook = try await admin.call(.post, "/api/v1/channels/\(id)/webhooks", json: ["name": "設備予約"])
            #expect(hook.status == .created)
            let hookURL = try #require(hook.object["url"] as? String)
            let path = String(hookURL[try #require(hookURL.range(of: "/api/hooks/")).lowerBound...])
            #expect(try await APIClient(client: site.client, token: nil).call(.post, path, json: ["text": "会議室が空きました"]).status == .ok)
            let hooks = try await admin.call(.get, "/api/v1/channels/\(id)/webhooks")
            #expect(hooks.items.count == 1 && hooks.items.first?["url"] == nil && hooks.items.first?["lastUsedAt"] is String)
            #expect(try await member.call(.get, "/api/v1/channels/\(id)/webhooks").status == .forbidden)
            #expect(try await admin.call(.delete, "/api/v1/channels/\(id)/webhooks/\(try #require(hook.object["id"] as? Int))").status == .noContent)
            #expect(try await APIClient(client: site.client, token: nil).call(.post, path, json: ["text": "もう一度"]).status == .notFound)
            let newest = try await member.call(.get, "/api/v1/channels/\(id)/messages").items.last
            #expect(newest?["body"] as? String == "会議室が空きました")
            #expect((newest?["author"] as? [String: Any])?["app"] as? Bool == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aProgramListensLiveWithItsToken(_ database: TestDatabase) async throws {
        try await TestSite.run(database, live: true) { site in
            let c = site.community
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            let coordinator = try await MatchingAPITests.client(site, "coord@example.jp")
            let start = try #require(try await coordinator.call(.get, "/api/v1/events").object["cursor"] as? Int)
            _ = try await member.call(.post, "/api/v1/channels/\(c.lobby.id)/messages", json: ["body": "ボットにも届く"])
            _ = try await member.call(.post, "/api/v1/channels/\(c.room.id)/messages", json: ["body": "ボットには秘密"])
            _ = try await member.call(.post, "/api/v1/channels/\(c.lobby.id)/messages", json: ["body": "おわり"])

            let headers: HTTPFields = [.authorization: "Bearer \(try #require(coordinator.token))"]
            let frames = try await LiveExchangeTests.listen(site, headers: headers, query: "after=\(start)") { LiveExchangeTests.ended($0) }
            #expect(frames.filter { $0.type == "event" }.map(\.html) == ["ボットにも届く", "おわり"])

            await #expect(throws: (any Error).self) {
                _ = try await LiveExchangeTests.listen(site, headers: [.authorization: "Bearer msb_wrong"], query: "after=0") { _ in true }
            }
        }
    }
}
