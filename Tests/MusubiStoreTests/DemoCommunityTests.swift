import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// The demo community loads whole, its exchange included: channels with conversations,
/// threads, reactions and mentions that reach the people named.
@Suite struct DemoCommunityTests {
    @Test(arguments: TestDatabase.available)
    func theDemoLoadsWithConversationsInItsChannels(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let env = CoreEnvironment.testing(persistence)
            try await DemoCommunity.bundled().load(into: env)
            let exchange = Exchange(env)
            func actor(_ email: String) async throws -> Requester {
                let account = try #require(try await env.persistence.read { try await $0.accounts.account(email: email) })
                return .member(id: account.memberID, role: account.role)
            }
            let (admin, matsumoto, tokuda) = (
                try await actor("admin@example.jp"), try await actor("kyohei.matsumoto@sanin-kosen.example.jp"),
                try await actor("seiji.tokuda@iwami-aqua.example.jp")
            )

            let mine = try await exchange.channels(matsumoto)
            #expect(Set(mine.map(\.title)).isSuperset(of: ["事務局からのお知らせ", "水産・陸上養殖", "ファインバブル研究会"]))
            #expect(mine.contains { $0.unread.messages > 0 }, "a new visitor has something to read")
            let news = try #require(mine.first { $0.title == "事務局からのお知らせ" })
            let view = try await exchange.show(admin, channelID: news.channel.id)
            #expect(view.messages.count == 3)
            let first = try #require(view.messages.first)
            #expect(first.replyCount == 2 && view.details.reactions[first.id]?.first?.memberIDs.count == 3)
            #expect(
                try await exchange.mentions(matsumoto, page: .init()).items.contains { $0.message.body.contains("2ブース確保できます") },
                "@松本恭平 in the admin's reply is a mention")
            let group = try #require(mine.first { $0.title == "ファインバブル研究会" })
            #expect(try await exchange.show(matsumoto, channelID: group.channel.id).messages.count == 2)
            let zone = TimeZone(identifier: "Asia/Tokyo")!
            #expect(try await exchange.search(tokuda, query: "溶存酸素", order: .newest, page: 1, timeZone: zone).total == 3)

            // The desk: public and members-only bulletins of each kind, and funding calls, one
            // closing within the week; loading them told nobody.
            let bulletins = Bulletins(env)
            let forVisitors = try await bulletins.list(.anonymous).items.map(\.bulletin)
            let forMembers = try await bulletins.list(matsumoto).items.map(\.bulletin)
            #expect(Set(forMembers.map(\.kind)) == Set(BulletinKind.allCases))
            #expect(forVisitors.allSatisfy { $0.visibility == .public } && forVisitors.count < forMembers.count)
            #expect(forVisitors.first?.pinned == true, "the pinned one first")
            let calls = try await bulletins.list(matsumoto, .init(openOnly: true)).items.map(\.bulletin)
            #expect(calls.count >= 2 && calls.first.map { $0.funding!.deadline.timeIntervalSince(env.now()) < 7 * 86_400 } == true)
            #expect(try await bulletins.announceDue() == 0)
            #expect(try await Notifications(env).unreadCount(matsumoto) == 0)
        }
    }
}
