import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// Bulletins and funding calls through the core on a real database: who reads which, who is
/// told when one appears (now or later), saving a call and its reminders, and what a bad
/// draft leaves behind (nothing).
@Suite struct BulletinTests {
    static func titles(_ bulletins: Bulletins, _ actor: Requester) async throws -> [String] {
        try await bulletins.list(actor).items.map(\.bulletin.title)
    }

    static func steps(_ env: CoreEnvironment, _ member: Member) async throws -> [Notice.Step] {
        try await Notifications(env).list(.member(id: member.id, role: member.role)).items.map(\.notice.step)
    }

    @Test(arguments: TestDatabase.available)
    func eachReaderSeesOnlyTheBulletinsForThem(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let bulletins = Bulletins(c.env)
            let coordinator = c.actor(c.coordinator)
            try await bulletins.publish(coordinator, BulletinDraft(kind: .networkNotice, title: "展示発表会のご案内", body: "本文", visibility: .public))
            try await bulletins.publish(coordinator, BulletinDraft(kind: .ipInformation, title: "会員向け知財情報", body: "本文"))
            try await bulletins.publish(
                coordinator, BulletinDraft(kind: .technologyTopic, title: "学の方へ", body: "本文", targets: BulletinTargets(sectors: [.academia])))
            try await bulletins.publish(
                coordinator,
                BulletinDraft(kind: .technologyTopic, title: "脱炭素の方へ", body: "本文", targets: BulletinTargets(fieldIDs: [c.decarbonisation.id])))
            try await bulletins.publish(
                coordinator, BulletinDraft(kind: .eventNotice, title: "研究会の方へ", body: "本文", targets: BulletinTargets(groupIDs: [c.group.id])))

            #expect(try await Self.titles(bulletins, .anonymous) == ["展示発表会のご案内"])
            #expect(try await Self.titles(bulletins, c.actor(c.guest)) == ["展示発表会のご案内"])
            // The member: academia, in 水素技術 (below 脱炭素), in the study group.
            #expect(Set(try await Self.titles(bulletins, c.actor(c.member))) == ["展示発表会のご案内", "会員向け知財情報", "学の方へ", "脱炭素の方へ", "研究会の方へ"])
            let finance = try await c.addMember("bank@example.jp", "金田 浩之", sector: .finance)
            #expect(Set(try await Self.titles(bulletins, c.actor(finance))) == ["展示発表会のご案内", "会員向け知財情報"])
            #expect(try await Self.titles(bulletins, coordinator).count == 5)
            let hidden = try #require(try await bulletins.list(coordinator).items.first { $0.bulletin.title == "学の方へ" })
            await #expect(throws: MusubiError.notFound) { try await bulletins.show(c.actor(finance), id: hidden.bulletin.id) }
            await #expect(throws: MusubiError.forbidden) {
                try await bulletins.publish(c.actor(c.member), BulletinDraft(kind: .networkNotice, title: "t", body: "b"))
            }
            // A public bulletin cannot be narrowed; nothing is written.
            let before = try await persistence.rowCounts()
            await #expect(throws: MusubiError.invalid("visibility", "error.bulletin_public_targeted")) {
                try await bulletins.publish(
                    coordinator,
                    BulletinDraft(kind: .networkNotice, title: "t", body: "b", visibility: .public, targets: BulletinTargets(sectors: [.finance])))
            }
            #expect(try await persistence.rowCounts() == before)
        }
    }

    @Test(arguments: TestDatabase.available)
    func readersOfItsFieldsAreToldWhenItAppearsNowOrLater(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            // Part of a millisecond past, as a real clock is: stored times are rounded to the
            // millisecond, and "published now" must still be now.
            let clock = TestClock(Date(timeIntervalSince1970: 1_790_000_000.0007))
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let bulletins = Bulletins(c.env)
            let fisher = try await c.addMember("fish@example.jp", "漁 太郎", sector: .industry)
            try await persistence.write {
                try await $0.members.updateProfile(
                    id: fisher.id, with: ProfileDraft(name: "漁 太郎", nameKana: "", profile: Profile(), fieldIDs: [c.aquaculture.id]))
            }

            try await bulletins.publish(
                c.actor(c.coordinator), BulletinDraft(kind: .technologyTopic, title: "水素の新技術", body: "本文", fieldIDs: [c.hydrogen.id]))
            #expect(try await Self.steps(c.env, c.member) == [.bulletinPublished])
            #expect(try await Self.steps(c.env, fisher).isEmpty, "not about their field")
            #expect(try await Self.steps(c.env, c.coordinator).isEmpty, "not their own")
            // Bulletins come in the digest by default: no mail at once.
            #expect(try await persistence.read { try await $0.mailOutbox.due(at: .distantFuture, limit: 10) }.isEmpty)

            let later = clock.now.addingTimeInterval(3_600)
            try await bulletins.publish(
                c.actor(c.coordinator),
                BulletinDraft(kind: .networkNotice, title: "来月の展示発表会", body: "本文", visibility: .public, publishAt: later))
            #expect(!(try await Self.titles(bulletins, c.actor(c.member))).contains("来月の展示発表会"))
            #expect(try await bulletins.list(c.actor(c.coordinator)).items.contains { $0.bulletin.title == "来月の展示発表会" && !$0.isCurrent })
            #expect(try await bulletins.announceDue() == 0)
            clock.advance(by: 3_601)
            #expect(try await bulletins.announceDue() == 1)
            #expect(try await Self.steps(c.env, fisher) == [.bulletinPublished], "no fields: for everyone it reaches")
            #expect(try await bulletins.announceDue() == 0, "told once")
            #expect(try await Self.titles(bulletins, .anonymous) == ["来月の展示発表会"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSavedFundingCallIsRemindedFourteenAndThreeDaysBeforeItsDeadline(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock()
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let bulletins = Bulletins(c.env)
            let day = 86_400.0
            func call(_ title: String, closesIn days: Double) -> BulletinDraft {
                BulletinDraft(
                    kind: .fundingCall, title: title, body: "補助率 1/2", fieldIDs: [c.hydrogen.id],
                    funding: FundingDetails(
                        funderName: "県産業振興課", amountMin: 1_000_000, amountMax: 5_000_000, deadline: clock.now.addingTimeInterval(days * day)))
            }
            let far = try await bulletins.publish(c.actor(c.coordinator), call("水素実証補助金", closesIn: 30))
            let near = try await bulletins.publish(c.actor(c.coordinator), call("駆け込みの公募", closesIn: 2))
            #expect(try await Self.steps(c.env, c.member) == [.fundingCallPublished, .fundingCallPublished])
            for bulletin in [far, near] { try await bulletins.save(c.actor(c.member), id: bulletin.id, saved: true) }
            #expect(try await bulletins.list(c.actor(c.member), .init(savedOnly: true)).items.count == 2)
            #expect(try await bulletins.list(c.actor(c.member), .init(openOnly: true)).items.map(\.bulletin.title) == ["駆け込みの公募", "水素実証補助金"])

            // Saved two days before its deadline: one reminder, not two.
            #expect(try await bulletins.sendReminders() == 1)
            #expect(try await bulletins.sendReminders() == 0)
            clock.advance(by: 16 * day + 60)
            #expect(try await bulletins.sendReminders() == 1, "14 days before")
            clock.advance(by: 11 * day)
            #expect(try await bulletins.sendReminders() == 1, "3 days before")
            #expect(try await bulletins.sendReminders() == 0)
            let closing = try await Self.steps(c.env, c.member).filter { $0 == .fundingCallClosing }
            #expect(closing.count == 3)
            // Funding calls come by mail at once: the reminders are in the outbox.
            let mailed = try await persistence.read { try await $0.mailOutbox.due(at: .distantFuture, limit: 20) }
            #expect(
                mailed.filter { if case .notice(let notice, _) = $0.letter.content { notice.step == .fundingCallClosing } else { false } }.count == 3)

            // Unsaved: no more reminders; a bulletin that is no call cannot be saved.
            try await bulletins.save(c.actor(c.member), id: far.id, saved: false)
            #expect(try await bulletins.list(c.actor(c.member), .init(savedOnly: true)).items.map(\.bulletin.title) == ["駆け込みの公募"])
            let notice = try await bulletins.publish(c.actor(c.coordinator), BulletinDraft(kind: .networkNotice, title: "お知らせ", body: "本文"))
            await #expect(throws: MusubiError.conflict("error.not_a_funding_call")) {
                try await bulletins.save(c.actor(c.member), id: notice.id, saved: true)
            }
            await #expect(throws: MusubiError.unauthenticated) { try await bulletins.save(.anonymous, id: far.id, saved: true) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadFundingCallNamesEveryProblemAndADiscussionOpensWhereTheAuthorMayPost(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let bulletins = Bulletins(c.env)
            let now = c.env.now()
            let before = try await persistence.rowCounts()
            do {
                _ = try await bulletins.publish(
                    c.actor(c.coordinator),
                    BulletinDraft(
                        kind: .fundingCall, title: "", body: "本文",
                        funding: FundingDetails(amountMin: 5, amountMax: 1, deadline: now.addingTimeInterval(-60), link: "javascript:alert(1)")))
                Issue.record("a bad call was accepted")
            } catch MusubiError.invalid(let problems) {
                #expect(Set(problems.map(\.field)) == ["title", "amountMax", "deadline", "link"])
            }
            #expect(try await persistence.rowCounts() == before)

            // The lobby, where the coordinator sits: the discussion opens there.
            let published = try await bulletins.publish(
                c.actor(c.coordinator), BulletinDraft(kind: .networkNotice, title: "議論しましょう", body: "本文", discussIn: c.lobby.id),
                opening: { "【お知らせ】\($0.title)" })
            let shown = try await bulletins.show(c.actor(c.member), id: published.id)
            let thread = try #require(shown.discussion)
            #expect(thread.channelID == c.lobby.id)
            #expect(try await Exchange(c.env).message(c.actor(c.member), id: thread.messageID).body == "【お知らせ】議論しましょう")
            // The private room, where the coordinator does not sit: refused.
            await #expect(throws: MusubiError.invalid("discussIn", "error.bulletin_channel")) {
                try await bulletins.publish(c.actor(c.coordinator), BulletinDraft(kind: .networkNotice, title: "t", body: "b", discussIn: c.room.id))
            }
        }
    }
    @Test(arguments: TestDatabase.available)
    func aFundingCallFindsWhoCouldApplyAndTellsAMemberWhyItFits(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let bulletins = Bulletins(c.env)
            let deadline = c.env.now().addingTimeInterval(30 * 86_400)
            func call(_ title: String, sectors: [Sector]) -> BulletinDraft {
                BulletinDraft(
                    kind: .fundingCall, title: title, body: "マイクロバブル(微細気泡)の実用化と量産を支援します。", fieldIDs: [c.hydrogen.id],
                    funding: FundingDetails(funderName: "県産業振興課", eligibleSectors: sectors, deadline: deadline))
            }
            let open = try await bulletins.publish(c.actor(c.coordinator), call("微細気泡の実用化補助金", sectors: []))
            let banks = try await bulletins.publish(c.actor(c.coordinator), call("金融機関向けの微細気泡支援", sectors: [.finance]))

            // The member (academia; マイクロバブル and 微細気泡 in their profile) could apply for
            // the first, not for the one open to banks only.
            let applicants = try await bulletins.couldApply(c.actor(c.coordinator), id: open.id)
            #expect(applicants.people.map(\.member.id).contains(c.member.id))
            #expect(applicants.people.first { $0.member.id == c.member.id }?.reasons.isEmpty == false)
            #expect(!(try await bulletins.couldApply(c.actor(c.coordinator), id: banks.id)).people.map(\.member.id).contains(c.member.id))
            // Only coordinators learn who else a call might suit.
            await #expect(throws: MusubiError.forbidden) { try await bulletins.couldApply(c.actor(c.member), id: open.id) }

            // The member learns why it fits them; the calls that fit them are the first only.
            #expect(!(try await bulletins.whyItFits(c.actor(c.member), call: try await bulletins.show(c.actor(c.member), id: open.id))).isEmpty)
            let fitting = try await bulletins.list(c.actor(c.member), .init(kind: .fundingCall, fitsOnly: true)).items
            #expect(fitting.map(\.bulletin.title) == ["微細気泡の実用化補助金"] && fitting[0].fitsReader)
            #expect(try await bulletins.list(.anonymous, .init(fitsOnly: true)).items.isEmpty)
        }
    }
}
