import Foundation
import HTTPTypes
import MusubiCore
import MusubiTestSupport
import Testing

/// A retry after a timeout, or a form sent twice, posts once.
@Suite struct IdempotencyTests {
    static let key = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    static func messageCount(_ site: TestSite, channel: Int64) async throws -> Int {
        try await site.environment.persistence.read { try await $0.messages.timeline(channelID: channel, before: nil, limit: 500) }.count
    }

    @Test(arguments: TestDatabase.available)
    func anAPIPostRetriedWithItsKeyIsStoredOnce(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let lobby = site.community.lobby.id
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            let coordinator = try await MatchingAPITests.client(site, "coord@example.jp")
            let before = try await Self.messageCount(site, channel: lobby)
            let path = "/api/v1/channels/\(lobby)/messages"

            let first = try await member.call(.post, path, json: ["body": "明日の会議は 10 時から"], headers: [Self.key: "retry-1"])
            let again = try await member.call(.post, path, json: ["body": "明日の会議は 10 時から"], headers: [Self.key: "retry-1"])
            #expect(first.status == .created && again.status == .created)
            #expect(again.object["id"] as? Int == first.object["id"] as? Int, "the same message")
            #expect(again.headers[Self.replayed] == "true" && first.headers[Self.replayed] == nil)
            #expect(try await Self.messageCount(site, channel: lobby) == before + 1)

            // The key is the member's own: another person's same key is another request.
            #expect(try await coordinator.call(.post, path, json: ["body": "了解です"], headers: [Self.key: "retry-1"]).status == .created)
            // The same key for another operation is refused, and does nothing.
            let elsewhere = try await member.call(
                .post, "/api/v1/channels/\(site.community.room.id)/messages", json: ["body": "別件"], headers: [Self.key: "retry-1"])
            #expect(elsewhere.status == .conflict && elsewhere.errorCode == "error.idempotency_key_reused")
            // So is the same key with another body: it is not a retry, and is not answered as one.
            let otherBody = try await member.call(.post, path, json: ["body": "明日の会議は 11 時から"], headers: [Self.key: "retry-1"])
            #expect(otherBody.status == .conflict && otherBody.errorCode == "error.idempotency_key_reused")
            let bad = try await member.call(.post, path, json: ["body": "x"], headers: [Self.key: "has space"])
            #expect(bad.status == .unprocessableContent)
            // A first try that failed leaves the key free for the corrected one.
            #expect(try await member.call(.post, path, json: ["body": ""], headers: [Self.key: "retry-2"]).status == .unprocessableContent)
            #expect(try await member.call(.post, path, json: ["body": "直しました"], headers: [Self.key: "retry-2"]).status == .created)
            #expect(try await Self.messageCount(site, channel: lobby) == before + 3)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPageFormSentTwicePostsOnce(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let lobby = site.community.lobby.id
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let page = try await member.get("/exchange/channels/\(lobby)")
            let key = try #require(page.body.firstMatch(of: /name="idempotencyKey" value="([^"]+)"/)?.1)
            let before = try await Self.messageCount(site, channel: lobby)
            let form = [("body", "二度押ししても一回だけ"), ("idempotencyKey", String(key))]
            let first = try await member.upload("/exchange/channels/\(lobby)/messages", form, files: [])
            let second = try await member.upload("/exchange/channels/\(lobby)/messages", form, files: [])
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.location != nil && second.location == first.location, "both lead to the one message")
            #expect(try await Self.messageCount(site, channel: lobby) == before + 1)
            let fresh = try await member.get("/exchange/channels/\(lobby)")
            #expect(fresh.body.firstMatch(of: /name="idempotencyKey" value="([^"]+)"/)?.1 != key, "every form has a key of its own")
        }
    }

    @Test(arguments: TestDatabase.available)
    func answersAreForgottenAfterADay(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock()
            let env = CoreEnvironment.testing(persistence, clock: clock)
            let community = try await Community.seed(env)
            let requests = IdempotentRequests(env)
            let actor = Requester.member(id: community.member.id, role: .member)
            let ran = Counter()
            let work = { () async throws -> IdempotentRequests.Answer in
                await ran.add()
                return .init(status: 201, contentType: "application/json", location: nil, body: "{}")
            }
            _ = try await requests.once(actor, key: "k", request: "POST /x", work)
            _ = try await requests.once(actor, key: "k", request: "POST /x", work)
            #expect(await ran.value == 1)
            clock.advance(by: 25 * 3600)
            #expect(try await requests.forgetExpired() == 1)
            _ = try await requests.once(actor, key: "k", request: "POST /x", work)
            #expect(await ran.value == 2)
        }
    }

    actor Counter {
        var value = 0
        func add() { value += 1 }
    }
}
