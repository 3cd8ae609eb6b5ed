import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// The weekly digest on a real database: what one member's week holds (and what it never
/// holds), when the week's mail goes out (once, at its hour, resumed after a stop), and who
/// gets none.
@Suite struct DigestTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!

    /// A time in Tokyo.
    static func tokyo(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tokyo
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func digestLetters(_ env: CoreEnvironment) async throws -> [(to: String, digest: WeeklyDigest, token: String?)] {
        try await env.persistence.read { try await $0.mailOutbox.due(at: .distantFuture, limit: 1_000) }.compactMap { mail in
            guard case .digest(let digest) = mail.letter.content else { return nil }
            return (mail.letter.to.address, digest, mail.letter.unsubscribeToken)
        }
    }

    @Test func theScheduleFindsTheWeekADateBelongsTo() throws {
        let schedule = try #require(DigestSchedule("Monday 08:00", timeZone: Self.tokyo))
        #expect(schedule == DigestSchedule(timeZone: Self.tokyo) && schedule.description == "monday 08:00")
        // 2026-12-07 is a Monday.
        #expect(schedule.latest(atOrBefore: Self.tokyo(2026, 12, 7, 8)) == Self.tokyo(2026, 12, 7, 8))
        #expect(schedule.latest(atOrBefore: Self.tokyo(2026, 12, 7, 7, 59)) == Self.tokyo(2026, 11, 30, 8))
        #expect(schedule.latest(atOrBefore: Self.tokyo(2026, 12, 13, 23)) == Self.tokyo(2026, 12, 7, 8))
        #expect(schedule.week(of: Self.tokyo(2026, 12, 7, 8)) == "2026-12-07")
        #expect(DigestSchedule("fri 17:30", timeZone: Self.tokyo)?.weekday == 6)
        for wrong in ["", "monday", "funday 08:00", "monday 8", "monday 24:00", "monday 08:60", "mo 08:00"] {
            #expect(DigestSchedule(wrong, timeZone: Self.tokyo) == nil, "\(wrong)")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aMembersWeekHoldsWhatIsForThemAndNothingElse(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock(Self.tokyo(2026, 12, 3, 10))
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let bulletins = Bulletins(c.env)
            let coordinator = c.actor(c.coordinator)
            let day = 86_400.0
            func call(_ title: String, closesIn days: Double, sectors: [Sector] = []) -> BulletinDraft {
                BulletinDraft(
                    kind: .fundingCall, title: title, body: "補助率 1/2", fieldIDs: [c.hydrogen.id],
                    funding: FundingDetails(funderName: "県産業振興課", eligibleSectors: sectors, deadline: clock.now.addingTimeInterval(days * day)))
            }
            try await bulletins.publish(coordinator, BulletinDraft(kind: .networkNotice, title: "展示発表会のご案内", body: "本文", visibility: .public))
            try await bulletins.publish(coordinator, BulletinDraft(kind: .ipInformation, title: "養殖の特許動向", body: "本文", fieldIDs: [c.aquaculture.id]))
            try await bulletins.publish(
                coordinator, BulletinDraft(kind: .technologyTopic, title: "学の方へ", body: "本文", targets: BulletinTargets(sectors: [.academia])))
            let soon = try await bulletins.publish(coordinator, call("水素実証補助金", closesIn: 10))
            try await bulletins.publish(coordinator, call("来年度の大型公募", closesIn: 40))
            let forBanks = try await bulletins.publish(coordinator, call("金融機関向け公募", closesIn: 5, sectors: [.finance]))
            let exchange = Exchange(c.env)
            try await exchange.post(coordinator, channelID: c.lobby.id, body: "@松本 恭平 さん、展示のご相談です")
            clock.advance(by: 3_600)

            let member = c.actor(c.member)
            let week = try await Digests(c.env).mine(member)
            #expect(week.until == clock.now && week.since == clock.now.addingTimeInterval(-7 * day))
            // The academic in 水素技術: the public notice, the one for academia, and the call
            // closing in 40 days as news; not the one on aquaculture.
            #expect(Set(week.bulletins.map(\.title)) == ["展示発表会のご案内", "学の方へ", "来年度の大型公募"])
            // Calls that fit and close within three weeks, soonest first: not the one for banks.
            #expect(week.fundingCalls.map(\.title) == ["水素実証補助金"])
            #expect(week.fundingCalls[0].funder == "県産業振興課" && week.fundingCalls[0].deadline == soon.funding?.deadline)
            #expect(week.waiting.map(\.notice.step) == [.mentioned] && week.waiting[0].actorName == "西村 健" && week.waitingCount == 1)

            // A call one saved comes whatever its sector, marked as saved.
            try await bulletins.save(member, id: forBanks.id, saved: true)
            let saved = try await Digests(c.env).mine(member).fundingCalls
            #expect(saved.map(\.title) == ["金融機関向け公募", "水素実証補助金"] && saved[0].saved)

            // A guest reads public bulletins only; a banker gets the banks' call, not academia's news.
            let guest = try await Digests(c.env).mine(c.actor(c.guest))
            #expect(guest.bulletins.map(\.title) == ["展示発表会のご案内"] && guest.fundingCalls.isEmpty)
            let banker = try await c.addMember("bank@example.jp", "金田 浩之", sector: .finance)
            try await persistence.write {
                try await $0.members.updateProfile(
                    id: banker.id, with: ProfileDraft(name: "金田 浩之", nameKana: "", profile: Profile(), fieldIDs: [c.hydrogen.id]))
            }
            let bankers = try await Digests(c.env).mine(c.actor(banker))
            #expect(!bankers.bulletins.map(\.title).contains("学の方へ"))
            #expect(bankers.fundingCalls.map(\.title) == ["金融機関向け公募", "水素実証補助金"])

            // What one chose: bulletins by mail at once are not repeated, calls and mentions
            // turned off are left out, and a read mention no longer waits.
            let notifications = Notifications(c.env)
            try await notifications.setPreferences(member, [.bulletin: .mail, .fundingCall: .off])
            let chosen = try await Digests(c.env).mine(member)
            #expect(chosen.bulletins.isEmpty && chosen.fundingCalls.isEmpty && chosen.waiting.count == 1)
            try await notifications.markRead(member)
            #expect(try await Digests(c.env).mine(member).waiting.isEmpty)

            // A week later the news is old.
            try await notifications.setPreferences(member, [.bulletin: .digest])
            clock.advance(by: 7 * day)
            #expect(try await Digests(c.env).mine(member).bulletins.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theWeeksDigestGoesOutOnceAtItsHourAndResumesWhereItStopped(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock(Self.tokyo(2026, 12, 6, 20))
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let digests = Digests(c.env)
            let schedule = DigestSchedule(timeZone: Self.tokyo)
            try await Bulletins(c.env).publish(
                c.actor(c.coordinator), BulletinDraft(kind: .networkNotice, title: "展示発表会のご案内", body: "本文", visibility: .public))
            let extra = try await c.addMember("late@example.jp", "遅野 翔", sector: .industry)

            // Sunday evening: last week's hour is long past (the server was down), this week's not come.
            #expect(try await digests.sendDue(schedule) == nil)
            #expect(try await Self.digestLetters(c.env).isEmpty)

            // Monday 08:00 in Tokyo: everyone active with anything, once.
            clock.advance(by: 12 * 3_600)
            let round = try #require(try await digests.sendDue(schedule))
            #expect(round.week == "2026-12-07" && round.finishedAt != nil)
            let letters = try await Self.digestLetters(c.env)
            #expect(round.mailed == letters.count && round.composed == 5, "four active seeded people and one added; not the applicant")
            #expect(Set(letters.map(\.to)).isSuperset(of: ["member@example.jp", "guest@example.jp", "late@example.jp"]))
            #expect(!letters.map(\.to).contains("applicant@example.jp"))
            #expect(letters.allSatisfy { $0.digest.until == clock.now && $0.token?.contains(".weekly_digest.") == true })
            clock.advance(by: 60)
            #expect(try await digests.sendDue(schedule) == nil)
            #expect(try await Self.digestLetters(c.env).count == letters.count, "never twice")

            // Whoever follows the digest's link gets none the next week.
            let token = try #require(letters.first { $0.to == "late@example.jp" }?.token)
            #expect(try await Notifications(c.env).unsubscribe(token) == .weeklyDigest)
            #expect(try await Notifications(c.env).wantsDigest(c.actor(extra)) == false)

            // A round stopped halfway goes on after the last member it finished.
            clock.advance(by: 7 * 86_400)
            let week = schedule.week(of: schedule.latest(atOrBefore: clock.now))
            try await persistence.write { repos in
                _ = try await repos.digests.begin(week: week, at: clock.now)
                #expect(try await repos.digests.advance(week: week, from: 0, to: c.guest.id, composed: 0, mailed: 0))
                #expect(try await repos.digests.advance(week: week, from: 0, to: c.guest.id, composed: 0, mailed: 0) == false)
            }
            let resumed = try #require(try await digests.sendDue(schedule))
            let after = try await Self.digestLetters(c.env).dropFirst(letters.count)
            #expect(resumed.composed == 0, "the one member after the guest turned the digest off")
            #expect(after.isEmpty && resumed.week == week)
        }
    }
}
