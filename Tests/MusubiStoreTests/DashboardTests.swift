import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// The community dashboard on a real database: fiscal years as reports name them, the
/// month-by-month counts of what people did, the admin's target, and a public summary only
/// when the admin allows one.
@Suite struct DashboardTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!

    @Test func fiscalYearsRunFromAprilToMarchAndAreNamedAsReportsNameThem() {
        #expect(FiscalYear(containing: DigestTests.tokyo(2026, 3, 31, 23), in: Self.tokyo) == FiscalYear(2025))
        #expect(FiscalYear(containing: DigestTests.tokyo(2026, 4, 1, 0), in: Self.tokyo) == FiscalYear(2026))
        let months = FiscalYear(2026).months(in: Self.tokyo)
        #expect(months.count == 12 && months[0].start == DigestTests.tokyo(2026, 4, 1, 0) && months[11].end == DigestTests.tokyo(2027, 4, 1, 0))
        #expect(months[9].start == DigestTests.tokyo(2027, 1, 1, 0))
        #expect(FiscalYear(2026).japaneseName == "令和8年度" && FiscalYear(2026).englishName == "FY2026")
        #expect(FiscalYear(2019).japaneseName == "令和元年度" && FiscalYear(2018).japaneseName == "平成30年度")
        #expect(FiscalYear(1989).japaneseName == "平成元年度" && FiscalYear(1988).japaneseName == "昭和63年度")
        #expect(JapaneseEra.abbreviation(ofYear: 2019) == "R元" && JapaneseEra.abbreviation(ofYear: 2011) == "H23")
    }

    @Test(arguments: TestDatabase.available)
    func theYearIsCountedMonthByMonth(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            // 2026-12-03 in Tokyo: the ninth month (December) of FY2026.
            let clock = TestClock(DigestTests.tokyo(2026, 12, 3, 10))
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let exchange = Exchange(c.env)
            let root = try await exchange.post(c.actor(c.coordinator), channelID: c.lobby.id, body: "展示発表会の準備です")
            try await exchange.post(c.actor(c.member), channelID: c.lobby.id, body: "了解です", threadRootID: root.id)
            try await exchange.post(c.actor(c.member), channelID: c.room.id, body: "非公開の相談")
            try await exchange.react(c.actor(c.member), messageID: root.id, emoji: "👍")
            _ = try await Accounts(c.env, throttle: SignInThrottle()).signIn(
                email: "guest@example.jp", password: Community.password, address: "127.0.0.1")
            try await Listings(c.env).post(c.actor(c.member), ListingTests.draft(.seed, "微細気泡の発生装置", summary: "装置", fields: [c.hydrogen.id]))
            let banker = try await c.addMember("bank@example.jp", "金田 浩之", sector: .finance)
            try await Introductions(c.env).request(c.actor(banker), to: .member(c.member.id), message: "ご紹介ください")

            let dashboard = CommunityDashboard(c.env)
            let report = try await dashboard.report(c.actor(c.coordinator), fiscalYear: FiscalYear(2026), timeZone: Self.tokyo)
            func values(_ kind: CommunityDashboard.ChartKind, _ key: String) throws -> [Int] {
                try #require(report.chart(kind)?.series.first { $0.key == key }?.values)
            }
            let december = 8
            #expect(try values(.participants, "dashboard.series.participants")[december] == 5, "four active seeded people and the banker")
            #expect(try values(.participants, "dashboard.series.participants")[0] == 0, "nobody had joined in April")
            #expect(try values(.activeMembers, "dashboard.series.active")[december] == 3, "coordinator and member posted, the guest signed in")
            #expect(try values(.newMembers, "sector.finance")[december] == 1)
            // The seeded community has a secret message of its own in the private room.
            #expect(try values(.messages, "channel_kind.public")[december] == 2 && values(.messages, "channel_kind.private")[december] == 2)
            #expect(try values(.messages, "dashboard.series.threads")[december] == 1)
            #expect(try values(.listings, "listing_kind.seed")[december] == 1)
            #expect(try values(.introductions, "dashboard.series.requested")[december] == 1)
            #expect(try values(.introductions, "dashboard.series.accepted").reduce(0, +) == 0)
            #expect(report.years.first == FiscalYear(2026) && report.monthsBegun == 9)
            #expect(try values(.messages, "channel_kind.public").reduce(0, +) == 2, "nothing in other months")

            // Only coordinators read it; only the admin sets the target and opens a summary.
            await #expect(throws: MusubiError.notFound) {
                try await dashboard.report(c.actor(c.member), fiscalYear: FiscalYear(2026), timeZone: Self.tokyo)
            }
            await #expect(throws: MusubiError.forbidden) {
                try await dashboard.setTarget(c.actor(c.coordinator), fiscalYear: FiscalYear(2026), participants: 50)
            }
            await #expect(throws: MusubiError.invalid("target", "error.dashboard_target")) {
                try await dashboard.setTarget(c.actor(c.admin), fiscalYear: FiscalYear(2026), participants: 0)
            }
            try await dashboard.setTarget(c.actor(c.admin), fiscalYear: FiscalYear(2026), participants: 50)
            let targeted = try await dashboard.report(c.actor(c.coordinator), fiscalYear: FiscalYear(2026), timeZone: Self.tokyo)
            #expect(targeted.chart(.participants)?.target == 50)
            #expect(
                try await dashboard.report(c.actor(c.coordinator), fiscalYear: FiscalYear(2025), timeZone: Self.tokyo).chart(.participants)?.target
                    == nil)

            #expect(try await dashboard.publicSummary(fiscalYear: FiscalYear(2026), timeZone: Self.tokyo) == nil)
            try await dashboard.setPublic(c.actor(c.admin), true)
            let summary = try #require(try await dashboard.publicSummary(fiscalYear: FiscalYear(2026), timeZone: Self.tokyo))
            #expect(summary.chart(.messages) == nil && summary.chart(.activeMembers) == nil && summary.chart(.participants) != nil)
        }
    }
}
