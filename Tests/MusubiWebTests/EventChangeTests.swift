import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// An event that changes: a new time is mailed to everyone registered or waiting, with the
/// calendar file's sequence raised; a larger capacity moves the waiting up in order; calling
/// it off tells everyone, with a calendar file that says so, and closes registration.
@Suite struct EventChangeTests {
    @Test(arguments: TestDatabase.available)
    func aNewTimeAMorePlacesAndACallingOffAreMailed(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let fields: [(String, String)] = [
                ("kind", "seminar"), ("title", "知財セミナー"), ("startsAt", "2030-03-05T14:00"), ("endsAt", "2030-03-05T16:00"),
                ("venueName", "県民ふれあい会館"), ("visibility", "members"), ("capacity", "1"),
            ]
            let event = String(try #require(try await coordinator.post("/events", fields).location?.split(separator: "?").first))
            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.post(event + "/registration")
            try await site.community.addMember("second@example.jp", "山本 工業", sector: .industry)
            try await site.community.addMember("third@example.jp", "川口 製作", sector: .industry)
            for email in ["second@example.jp", "third@example.jp"] {
                let person = site.browser()
                try await person.signIn(email)
                try await person.post(event + "/registration")
            }

            // Only coordinators change it; bad input is refused and nothing is written.
            #expect(try await member.get(event + "/edit").status == .forbidden)
            #expect(try await member.post(event + "/edit", fields).status == .forbidden)
            let form = try await coordinator.get(event + "/edit")
            #expect(form.contains("value=\"2030-03-05T14:00\"") && form.contains("value=\"知財セミナー\""))
            let bad = try await coordinator.post(event + "/edit", fields.map { $0.0 == "endsAt" ? ($0.0, "2030-03-05T13:00") : $0 })
            #expect(bad.status == .unprocessableContent && bad.contains("終了は開始より後にしてください"))
            #expect(try await coordinator.get(event + "/calendar.ics").body.contains("SEQUENCE:0"))

            // A new time and one more place: the second moves up; everyone else is told of the time.
            let mailsBefore = try await InvitationMailTests.mails(site).count
            let moved = fields.map { field -> (String, String) in
                switch field.0 {
                case "startsAt": ("startsAt", "2030-03-06T10:00")
                case "endsAt": ("endsAt", "2030-03-06T12:00")
                case "capacity": ("capacity", "2")
                default: field
                }
            }
            #expect(try await coordinator.post(event + "/edit", moved).location?.contains("notice=event_changed") == true)
            let mails = try await InvitationMailTests.mails(site).dropFirst(mailsBefore)
            #expect(mails.map { $0.to[0].address }.sorted() == ["member@example.jp", "second@example.jp", "third@example.jp"])
            let first = try await EventDoorTests.lastMail(to: "member@example.jp", site)
            #expect((first["subject"] as? String)?.contains("「知財セミナー」の内容が変更されました") == true)
            let ics = try #require(first["ics"] as? [String: String])
            #expect(ics["start"] == "2030-03-06T10:00:00+09:00" && ics["sequence"] == "1" && ics["status"] == "CONFIRMED")
            let second = try await EventDoorTests.lastMail(to: "second@example.jp", site)
            #expect((second["subject"] as? String)?.contains("参加が確定しました") == true && second["qr"] != nil)
            let third = try await EventDoorTests.lastMail(to: "third@example.jp", site)
            #expect((third["subject"] as? String)?.contains("変更されました") == true && third["ics"] == nil, "waiting: no calendar entry")
            #expect(try await coordinator.get(event).contains("参加 2 名・キャンセル待ち 1 名"))

            // Called off: everyone is told, the calendar says so, registration is closed.
            let page = try await coordinator.get(event)
            #expect(page.section("call-off").contains("中止して全員に知らせる"))
            #expect(try await member.post(event + "/call-off").status == .forbidden)
            #expect(try await coordinator.post(event + "/call-off").location?.contains("notice=event_called_off") == true)
            let cancelled = try await EventDoorTests.lastMail(to: "third@example.jp", site)
            #expect((cancelled["subject"] as? String)?.contains("中止になりました") == true)
            let cancelledICS = try #require(cancelled["ics"] as? [String: String])
            #expect(cancelledICS["status"] == "CANCELLED" && cancelledICS["sequence"] == "2")
            #expect(try await coordinator.get(event + "/calendar.ics").body.contains("STATUS:CANCELLED"))
            let after = try await member.get(event)
            #expect(after.contains("中止") && !after.section("registration").contains("参加を申し込む"))
            #expect(try await coordinator.post(event + "/edit", moved).status == .conflict)
            let audit = try await site.environment.persistence.read { try await $0.audit.search(AuditQuery()) }.items.map(\.action)
            #expect(audit.contains(.eventChanged) && audit.contains(.eventCalledOff))
        }
    }
}
