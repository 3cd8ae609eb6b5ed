import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// A channel's retention period removes old threads for good: from the timeline, threads,
/// mentions, reactions, search and live deliveries; a thread still talked about stays, and
/// channels without a period keep everything.
@Suite struct RetentionTests {
    @Test(arguments: TestDatabase.available)
    func oldThreadsGoForGoodRecentOnesAndOtherChannelsStay(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock()
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let exchange = Exchange(c.env)
            let (member, coordinator) = (c.actor(c.member), c.actor(c.coordinator))
            let day: TimeInterval = 86_400
            let zone = TimeZone(identifier: "Asia/Tokyo")!

            let old = try await exchange.post(member, channelID: c.lobby.id, body: "古い話題 @西村健 さんへ")
            try await exchange.react(coordinator, messageID: old.id, emoji: "👍")
            _ = try await exchange.post(coordinator, channelID: c.lobby.id, body: "古い返信", threadRootID: old.id)
            let talkedAbout = try await exchange.post(member, channelID: c.lobby.id, body: "続いている話題")
            let elsewhere = try await exchange.create(coordinator, ChannelDraft(kind: .public, name: "保存期間なし"))
            _ = try await exchange.post(coordinator, channelID: elsewhere.id, body: "古い話題だが残る")
            clock.advance(by: 20 * day)
            _ = try await exchange.post(coordinator, channelID: c.lobby.id, body: "まだ続く返信", threadRootID: talkedAbout.id)
            let recent = try await exchange.post(member, channelID: c.lobby.id, body: "新しい話題")

            // Only admins set a period.
            await #expect(throws: MusubiError.forbidden) { try await exchange.setRetention(member, channelID: c.lobby.id, days: 30) }
            try await exchange.setRetention(c.actor(c.admin), channelID: c.lobby.id, days: 30)
            #expect(try await exchange.applyRetention() == 0, "nothing is 30 days old yet")
            #expect(try await exchange.mentions(coordinator, page: .init()).items.map(\.message.id) == [old.id])
            #expect(try await exchange.search(member, query: "古い", order: .newest, page: 1, timeZone: zone).total == 3)

            clock.advance(by: 20 * day) // the first thread is 40 days old; the second's last reply 20
            #expect(try await exchange.applyRetention() == 2)
            let timeline = try await exchange.show(coordinator, channelID: c.lobby.id).messages.map(\.id)
            #expect(timeline == [talkedAbout.id, recent.id])
            await #expect(throws: MusubiError.notFound) { try await exchange.thread(coordinator, rootID: old.id) }
            #expect(try await exchange.thread(coordinator, rootID: talkedAbout.id).replies.map(\.body) == ["まだ続く返信"])
            #expect(try await exchange.mentions(coordinator, page: .init()).items.isEmpty)
            let found = try await exchange.search(member, query: "古い", order: .newest, page: 1, timeZone: zone)
            #expect(found.hits.map(\.message.body) == ["古い話題だが残る"] && found.total == 1)
            // The event log keeps its entries (their ids are never drawn again); deliveries skip them.
            let events = try await c.env.persistence.read { try await $0.messages.events(after: 0, in: [c.lobby.id], limit: 100) }
            #expect(events.contains { $0.messageID == old.id })
            #expect(try await exchange.deliveries(after: 0).allSatisfy { $0.message.id != old.id })
            let audit = try await c.env.persistence.read { try await $0.audit.search(AuditQuery(action: .channelMessagesExpired)) }
            #expect(audit.items.map(\.detail) == ["2"])

            // Running again removes nothing more.
            #expect(try await exchange.applyRetention() == 0)
        }
    }
}
