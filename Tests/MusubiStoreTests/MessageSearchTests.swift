import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// Searching the exchange on a real database: Japanese of one, two and more characters,
/// widths and kana, phrases, filters, ranking, paging, and above all that nobody finds or
/// counts what they may not see.
@Suite struct MessageSearchTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!

    @Test(arguments: TestDatabase.available)
    func findsShortAndLongJapaneseWidthAndKanaInsensitivePhrasesAndWholeEnglishWords(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let me = c.actor(c.member)
            let root = try await exchange.post(me, channelID: c.lobby.id, body: "陸上養殖で水素を使う計画です")
            _ = try await exchange.post(me, channelID: c.lobby.id, body: "養殖場の見学は来週", threadRootID: root.id)
            _ = try await exchange.post(me, channelID: c.lobby.id, body: "ﾏｲｸﾛﾊﾞﾌﾞﾙで牡蠣を洗浄")
            _ = try await exchange.post(me, channelID: c.lobby.id, body: "AIで選別する")
            _ = try await exchange.post(me, channelID: c.lobby.id, body: "the aim is clear")
            _ = try await exchange.post(me, channelID: c.lobby.id, body: "燃料電池の試作、電池と燃料の話")
            // Quotes and backslashes, which PostgreSQL's index has to escape.
            _ = try await exchange.post(me, channelID: c.lobby.id, body: "O'Reilly の本は C:\\temp\\手順書 に")

            func found(_ typed: String) async throws -> [String] {
                try await exchange.search(me, query: typed, order: .newest, page: 1, timeZone: Self.tokyo).hits.map(\.message.body)
            }
            #expect(try await found("養殖") == ["養殖場の見学は来週", "陸上養殖で水素を使う計画です"])
            #expect(try await found("殖") == ["養殖場の見学は来週", "陸上養殖で水素を使う計画です"])
            #expect(try await found("水素") == ["陸上養殖で水素を使う計画です"])
            #expect(try await found("陸上養殖で水素") == ["陸上養殖で水素を使う計画です"])
            #expect(try await found("まいくろばぶる") == ["ﾏｲｸﾛﾊﾞﾌﾞﾙで牡蠣を洗浄"])
            #expect(try await found("マイクロバブル 牡蠣") == ["ﾏｲｸﾛﾊﾞﾌﾞﾙで牡蠣を洗浄"])
            #expect(try await found("ＡＩ") == ["AIで選別する"])
            #expect(try await found("aim") == ["the aim is clear"])
            #expect(try await found("燃料電池") == ["燃料電池の試作、電池と燃料の話"])
            #expect(try await found("\"電池と燃料\"") == ["燃料電池の試作、電池と燃料の話"])
            #expect(try await found("\"燃料と電池\"").isEmpty)
            #expect(try await found("養殖 牡蠣").isEmpty)
            #expect(try await found("reilly") == ["O'Reilly の本は C:\\temp\\手順書 に"])
            #expect(try await found("手順書") == ["O'Reilly の本は C:\\temp\\手順書 に"])
            #expect(try await found("O'Reilly") == ["O'Reilly の本は C:\\temp\\手順書 に"])

            let results = try await exchange.search(me, query: "牡蠣", order: .relevance, page: 1, timeZone: Self.tokyo)
            #expect(results.total == 1 && !results.totalIsCapped)
            #expect(results.hits.first?.segments.filter(\.isMatch).map(\.text) == ["牡蠣"])
            #expect(results.hits.first?.channelTitle == "雑談")
        }
    }

    @Test(arguments: TestDatabase.available)
    func nobodyFindsOrCountsWhatTheyMayNotSee(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            // The seeded private room holds "@channel 社外秘の計画", the member's alone.
            let secretReply = try await exchange.post(
                c.actor(c.member), channelID: c.room.id, body: "社外秘の追記",
                threadRootID: try await exchange.show(c.actor(c.member), channelID: c.room.id).messages[0].id)
            let direct = try await exchange.openDirect(c.actor(c.member), with: [c.coordinator.id])
            _ = try await exchange.post(c.actor(c.member), channelID: direct.id, body: "社外秘の話は直接")
            _ = try await exchange.post(c.actor(c.coordinator), channelID: c.lobby.id, body: "社外秘ではない告知")

            func search(_ member: Member, _ typed: String = "社外秘") async throws -> Exchange.SearchResults {
                try await exchange.search(c.actor(member), query: typed, order: .newest, page: 1, timeZone: Self.tokyo)
            }
            #expect(try await search(c.member).total == 4)
            let coordinator = try await search(c.coordinator)
            #expect(coordinator.total == 2)
            #expect(Set(coordinator.hits.map(\.message.body)) == ["社外秘の話は直接", "社外秘ではない告知"])
            #expect(try await search(c.admin).hits.map(\.message.body) == ["社外秘ではない告知"])
            #expect(try await search(c.admin).total == 1)
            #expect(try await search(c.guest).total == 0)
            #expect(try await search(c.admin, "社外秘 in:共同研究の相談").unknownChannels == ["共同研究の相談"])
            #expect(try await search(c.admin, "in:共同研究の相談").total == 0)
            #expect(try await search(c.admin, "from:松本").hits.isEmpty)
            await #expect(throws: MusubiError.unauthenticated) {
                try await exchange.search(.anonymous, query: "社外秘", order: .newest, page: 1, timeZone: Self.tokyo)
            }

            // A guest finds what is said where they are invited, and only there; `from:` looks
            // only among the people seated with them.
            #expect(try await search(c.guest, "from:岡田").unknownPeople == ["岡田"])
            try await exchange.invite(c.actor(c.coordinator), channelID: c.lobby.id, memberIDs: [c.guest.id])
            #expect(try await search(c.guest).hits.map(\.message.body) == ["社外秘ではない告知"])
            #expect(try await search(c.guest, "from:西村").hits.map(\.message.body) == ["社外秘ではない告知"])
            #expect(try await search(c.guest, "from:岡田").unknownPeople == ["岡田"], "the admin is not seated in the lobby")
            #expect(try await search(c.coordinator, "from:岡田").unknownPeople.isEmpty, "members may list the directory")

            // A deleted message is neither found nor counted.
            try await exchange.delete(c.actor(c.member), messageID: secretReply.id)
            #expect(try await search(c.member).total == 3)

            // Leaving a private channel takes its messages out of one's results.
            try await exchange.leave(c.actor(c.member), channelID: c.room.id)
            #expect(try await search(c.member).total == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func editsAndDeletionsReachTheIndexAndFiltersNarrow(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock(ISO8601DateFormatter().date(from: "2026-10-10T03:00:00Z")!)
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let exchange = Exchange(c.env)
            let (member, coordinator) = (c.actor(c.member), c.actor(c.coordinator))
            let first = try await exchange.post(member, channelID: c.lobby.id, body: "水素の実証は十月")
            clock.advance(by: 86_400 * 30)
            _ = try await exchange.post(coordinator, channelID: c.lobby.id, body: "水素の実証は十一月も続く")
            let general = try await exchange.create(coordinator, ChannelDraft(kind: .public, name: "告知"))
            _ = try await exchange.post(coordinator, channelID: general.id, body: "水素の講演会")

            func found(_ typed: String) async throws -> [String] {
                try await exchange.search(member, query: typed, order: .newest, page: 1, timeZone: Self.tokyo).hits.map(\.message.body)
            }
            #expect(try await found("水素 in:#告知") == ["水素の講演会"])
            #expect(try await found("水素 from:@西村") == ["水素の講演会", "水素の実証は十一月も続く"])
            #expect(try await found("水素 from:にしむら in:雑談") == ["水素の実証は十一月も続く"])
            #expect(try await found("水素 before:2026-10-11") == ["水素の実証は十月"])
            #expect(try await found("水素 after:2026-10-10") == ["水素の講演会", "水素の実証は十一月も続く"])
            #expect(try await found("on:2026-10-10") == ["水素の実証は十月", "<!channel> 社外秘の計画"]) // the seeded room's message too
            #expect(try await exchange.search(member, query: "水素 from:誰か", order: .newest, page: 1, timeZone: Self.tokyo).unknownPeople == ["誰か"])
            await #expect(throws: MusubiError.invalid("q", "error.search_date")) {
                try await exchange.search(member, query: "before:2026-13-01", order: .newest, page: 1, timeZone: Self.tokyo)
            }

            _ = try await exchange.edit(member, messageID: first.id, body: "養殖の実証は十月")
            #expect(try await found("水素 実証") == ["水素の実証は十一月も続く"])
            #expect(try await found("養殖") == ["養殖の実証は十月"])
            try await exchange.delete(member, messageID: first.id)
            #expect(try await found("養殖").isEmpty)
            #expect(try await exchange.search(member, query: "養殖", order: .relevance, page: 1, timeZone: Self.tokyo).total == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func resultsAreRankedCountedAndPaged(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let me = c.actor(c.member)
            let focused = try await exchange.post(me, channelID: c.lobby.id, body: "水素、水素、水素")
            for number in 1...24 {
                _ = try await exchange.post(me, channelID: c.lobby.id, body: "第\(number)回の会合では様々な議題の一つとして水素にも触れた")
            }
            let newest = try await exchange.search(me, query: "水素", order: .newest, page: 1, timeZone: Self.tokyo)
            #expect(newest.total == 25 && newest.pageCount == 2 && newest.hits.count == 20)
            #expect(newest.hits.first?.message.body.hasPrefix("第24回") == true)
            let second = try await exchange.search(me, query: "水素", order: .newest, page: 2, timeZone: Self.tokyo)
            #expect(second.hits.count == 5 && second.hits.last?.message.id == focused.id)
            let ranked = try await exchange.search(me, query: "水素", order: .relevance, page: 1, timeZone: Self.tokyo)
            #expect(ranked.total == 25 && ranked.hits.first?.message.id == focused.id)
        }
    }
}
