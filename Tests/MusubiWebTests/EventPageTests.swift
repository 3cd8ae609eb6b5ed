import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// Events as people use their pages: a coordinator creates one, members register until it is
/// full and then wait, a place given up goes to the first waiting, and the online link is
/// shown only to those with a place.
@Suite struct EventPageTests {
    @Test(arguments: TestDatabase.available)
    func aCoordinatorCreatesAnEventAndMembersRegisterThenWait(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let refused = try await coordinator.post(
                "/events",
                [
                    ("kind", "seminar"), ("title", ""), ("startsAt", "2030-01-10T15:00"), ("endsAt", "2030-01-10T13:00"), ("capacity", "0"),
                    ("visibility", "members"),
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("終了は開始より後にしてください") && refused.contains("定員は 1〜100000"))

            let created = try await coordinator.post(
                "/events",
                [
                    ("kind", "technology_exchange"), ("title", "技術交流会（水素）"), ("startsAt", "2030-01-10T13:30"), ("endsAt", "2030-01-10T17:00"),
                    ("venueName", "鳥取県産業技術センター"), ("prefectureCode", "31"), ("municipality", "鳥取市"),
                    ("onlineURL", "https://meet.example.jp/h2"), ("visibility", "members"), ("capacity", "1"),
                ])
            #expect(created.status == .seeOther)
            let event = String(try #require(created.location?.split(separator: "?").first))
            #expect(try await coordinator.get("/events").section("events").contains("技術交流会（水素）"))
            #expect(try await coordinator.get("/").section("home-events").contains("技術交流会（水素）"), "the home page shows what comes next")

            let member = site.browser()
            try await member.signIn("member@example.jp")
            let before = try await member.get(event)
            #expect(before.contains("2030") && before.contains("鳥取県 鳥取市") && !before.contains("meet.example.jp"))
            #expect(try await member.post(event + "/registration").location?.contains("notice=event_registered") == true)
            let registered = try await member.get(event)
            #expect(registered.section("registration").contains("参加登録済み") && registered.contains("https://meet.example.jp/h2"))
            #expect(registered.contains("参加 1 名・キャンセル待ち 0 名"))

            try await site.community.addMember("second@example.jp", "山本 工業", sector: .industry)
            let second = site.browser()
            try await second.signIn("second@example.jp")
            #expect(try await second.post(event + "/registration").location?.contains("notice=event_waitlisted") == true)
            let waiting = try await second.get(event)
            #expect(waiting.section("registration").contains("キャンセル待ち") && !waiting.contains("meet.example.jp"))

            try await member.post(event + "/registration/cancel")
            let promoted = try await second.get(event)
            #expect(promoted.section("registration").contains("参加登録済み") && promoted.contains("参加 1 名・キャンセル待ち 0 名"))
            #expect(try await member.get(event).section("registration").contains("参加を申し込む"))
            // A guest does not see a members' event.
            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            #expect(try await guest.get(event).status == .notFound)
            #expect(!(try await guest.get("/events")).contains("技術交流会（水素）"))
            #expect(!(try await guest.get("/")).contains("技術交流会（水素）"))
        }
    }
}

/// Who holds an event and what it is about: hosts and co-hosts from the directory, fields,
/// and the list filtered by field (a field finds those below it), prefecture and kind.
@Suite struct EventHostsAndFieldsTests {
    @Test(arguments: TestDatabase.available)
    func hostsCoHostsAndFieldsShowAndFilterTheList(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let (bank, institute) = (c.organizations[.finance]!, c.organizations[.academia]!)
            let fields: [(String, String)] = [
                ("kind", "technology_exchange"), ("title", "技術交流会（水素）"), ("startsAt", "2030-01-10T13:30"), ("endsAt", "2030-01-10T17:00"),
                ("prefectureCode", "31"), ("visibility", "members"), ("hostIDs", String(bank.id)), ("coHostIDs", String(institute.id)),
                ("coHostIDs", String(bank.id)), ("fields", String(c.hydrogen.id)),
            ]
            let unknown = try await coordinator.post("/events", fields + [("hostIDs", "999999"), ("fields", "999999")])
            #expect(unknown.status == .unprocessableContent && unknown.contains("存在しない組織") && unknown.contains("value=\"技術交流会（水素）\""))
            let event = String(try #require(try await coordinator.post("/events", fields).location?.split(separator: "?").first))
            let page = try await coordinator.get(event)
            #expect(page.section("event").contains(bank.name) && page.contains("event-co-hosts"))
            #expect(
                page.section("event-co-hosts").contains(institute.name) && !page.section("event-co-hosts").contains(bank.name),
                "a host is not also a co-host")
            #expect(page.contains("<span class=\"tag\">水素技術</span>"))
            let edit = try await coordinator.get(event + "/edit")
            #expect(edit.contains("<option value=\"\(bank.id)\" selected>"))

            func listed(_ query: String) async throws -> Bool {
                try await coordinator.get("/events?" + query).section("events").contains("技術交流会（水素）")
            }
            #expect(try await listed("field=\(c.decarbonisation.id)"), "a field finds the fields below it")
            #expect(try await !listed("field=\(c.aquaculture.id)"))
            #expect(try await !listed("field=999999"))
            #expect(try await listed("prefecture=31&kind=technology_exchange"))
            #expect(try await !listed("prefecture=13"))
        }
    }
}

/// An event that takes at most so many people from one organisation (展示会: 1社2名まで):
/// one more from the same organisation is refused with the reason; another organisation's
/// person is not; visitors count by the organisation they gave.
@Suite struct EventOrganizationLimitTests {
    @Test(arguments: TestDatabase.available)
    func oneOrganisationTakesNoMoreThanItsShare(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let bad = try await coordinator.post(
                "/events",
                [
                    ("kind", "exhibition"), ("title", "展示発表会"), ("startsAt", "2030-02-10"), ("endsAt", "2030-02-10"), ("allDay", "1"),
                    ("visibility", "public"), ("perOrganizationLimit", "たくさん"),
                ])
            #expect(bad.status == .unprocessableContent && bad.contains("value=\"たくさん\""))
            let event = String(
                try #require(
                    try await coordinator.post(
                        "/events",
                        [
                            ("kind", "exhibition"), ("title", "展示発表会"), ("startsAt", "2030-02-10"), ("endsAt", "2030-02-10"), ("allDay", "1"),
                            ("visibility", "public"), ("perOrganizationLimit", "1"), ("visitorsWelcome", "1"),
                        ]
                    ).location?.split(separator: "?").first))
            #expect(try await coordinator.get(event).section("event").contains("1組織 1 名まで"))

            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(try await member.post(event + "/registration").status == .seeOther)
            try await site.community.addMember("colleague@example.jp", "同僚 学", sector: .academia)
            let colleague = site.browser()
            try await colleague.signIn("colleague@example.jp")
            let refused = try await colleague.post(event + "/registration")
            #expect(refused.status == .conflict && refused.contains("上限に達しています"))
            try await site.community.addMember("maker@example.jp", "山本 工業", sector: .industry)
            let maker = site.browser()
            try await maker.signIn("maker@example.jp")
            #expect(try await maker.post(event + "/registration").status == .seeOther)
            #expect(try await coordinator.get(event).contains("参加 2 名"))

            // Visitors from one organisation: the second one's confirming is refused.
            let visitor = site.browser()
            try await visitor.get(event)
            for email in ["a@visit.example.com", "b@visit.example.com"] {
                try await visitor.post(event + "/visitors", [("name", "来場 花子"), ("organization", "鳥取精密"), ("email", email)])
            }
            #expect(try await visitor.post(try await EventVisitorTests.visitLink(to: "a@visit.example.com", site) + "/confirm").status == .seeOther)
            #expect(try await visitor.post(try await EventVisitorTests.visitLink(to: "b@visit.example.com", site) + "/confirm").status == .conflict)
            #expect(try await coordinator.get(event).contains("参加 3 名"))
        }
    }
}
