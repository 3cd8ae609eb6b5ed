import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// A place by mail and the door: registering puts a mail in the outbox that a real mail
/// parser reads, with the ticket's QR code (read by zbar) and the event as `.ics` (read by
/// icalendar); waiting and being moved up are mailed too. The code a ticket carries opens the
/// person on the coordinator's check-in page; people are found by name or reading, marked
/// arrived (and back), walk-ins are taken in, and the counts by sector follow.
@Suite struct EventDoorTests {
    static let reader = """
        import email, email.policy, json, subprocess, sys, tempfile, os
        from icalendar import Calendar
        m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
        out = {"subject": str(m["subject"]), "types": [], "defects": len(m.defects)}
        for part in m.walk():
            if part.is_multipart(): continue
            kind = part.get_content_type()
            out["types"].append(kind)
            if kind == "text/plain": out["text"] = part.get_content()
            if kind == "image/png":
                with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as f: f.write(part.get_content())
                run = subprocess.run(["zbarimg", "--raw", "-q", f.name], capture_output=True, text=True)
                os.unlink(f.name)
                out["qr"] = run.stdout.strip()
            if kind == "text/calendar":
                event = next(e for e in Calendar.from_ical(part.get_content()).walk("VEVENT"))
                out["ics"] = {"summary": str(event["SUMMARY"]), "uid": str(event["UID"]), "start": event.decoded("DTSTART").isoformat(),
                              "sequence": str(event.get("SEQUENCE")), "status": str(event.get("STATUS"))}
        print(json.dumps(out))
        """

    /// The newest mail to `address`, as a mail program reads it.
    static func lastMail(to address: String, _ site: TestSite) async throws -> [String: Any] {
        let mail = try #require(try await InvitationMailTests.mails(site).last { $0.to.map(\.address) == [address] })
        return try Python.json(reader, input: Data(MIMEMessage.render(mail, boundary: "=_b1").utf8))
    }

    @Test(arguments: TestDatabase.available)
    func aTicketByMailOpensThePersonAtTheDoor(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let created = try await coordinator.post(
                "/events",
                [
                    ("kind", "technology_exchange"), ("title", "技術交流会（水素）"), ("startsAt", "2030-01-10T13:30"), ("endsAt", "2030-01-10T17:00"),
                    ("venueName", "鳥取県産業技術センター"), ("onlineURL", "https://meet.example.jp/h2"), ("visibility", "members"), ("capacity", "1"),
                ])
            let event = String(try #require(created.location?.split(separator: "?").first))
            let id = try #require(event.split(separator: "/").last.map(String.init))

            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.post(event + "/registration")
            let placed = try await Self.lastMail(to: "member@example.jp", site)
            #expect(placed["subject"] as? String == "[テスト結び] 「技術交流会（水素）」への参加登録を受け付けました")
            #expect((placed["types"] as? [String]) == ["text/plain", "text/html", "image/png", "text/calendar"])
            #expect(placed["defects"] as? Int == 0)
            #expect((placed["text"] as? String)?.contains("https://meet.example.jp/h2") == true)
            let ics = try #require(placed["ics"] as? [String: String])
            #expect(ics["summary"] == "技術交流会（水素）" && ics["uid"] == "event-\(id)@127.0.0.1" && ics["start"] == "2030-01-10T13:30:00+09:00")
            let qr = try #require(placed["qr"] as? String)
            let door = try #require(
                qr.firstMatch(of: /^http:\/\/127\.0\.0\.1:8080(\/events\/\d+\/check-in\?ticket=[A-Z0-9]{16})$/).map { String($0.1) })
            #expect(door.hasPrefix(event + "/check-in"))

            // The ticket page shows the same code; someone without a place has none.
            let ticketPage = try await member.get(event + "/ticket")
            #expect(ticketPage.status == .ok && ticketPage.section("ticket").contains("<svg") && ticketPage.contains(String(door.suffix(16))))
            #expect(try await member.get(event).section("event").contains(event + "/ticket"))

            try await site.community.addMember("second@example.jp", "山本 工業", sector: .industry)
            let second = site.browser()
            try await second.signIn("second@example.jp")
            try await second.post(event + "/registration")
            let waiting = try await Self.lastMail(to: "second@example.jp", site)
            #expect((waiting["subject"] as? String)?.contains("キャンセル待ち") == true)
            #expect((waiting["types"] as? [String]) == ["text/plain", "text/html"], "no ticket while waiting")
            #expect((waiting["text"] as? String)?.contains("meet.example.jp") == false)
            #expect(try await second.get(event + "/ticket").status == .notFound)

            try await member.post(event + "/registration/cancel")
            let promoted = try await Self.lastMail(to: "second@example.jp", site)
            #expect((promoted["subject"] as? String)?.contains("参加が確定しました") == true)
            let secondDoor = try #require(promoted["qr"] as? String)

            // Only coordinators keep the door.
            #expect(try await second.get(door).status == .forbidden)
            #expect(try await site.browser().get(door).status != .ok)

            // The second's code opens them; the first's no longer has a place but is found.
            let opened = try await coordinator.get(String(secondDoor.dropFirst("http://127.0.0.1:8080".count)))
            #expect(opened.status == .ok && opened.section("ticket-holder").contains("山本 工業"))
            #expect(opened.section("door-counts").contains("参加登録 1 名・受付済み 0 名・キャンセル待ち 0 名"))
            let unknown = try await coordinator.get(event + "/check-in?ticket=NOTATICKET")
            #expect(unknown.status == .notFound && unknown.section("ticket-error").contains("このイベントの参加票ではありません"))

            let registrationID = try #require(
                opened.section("ticket-holder").firstMatch(of: /data-testid="arrival-(\d+)"/).map { String($0.1) })
            let arrived = try await coordinator.post(event + "/check-in/\(registrationID)", [("q", "")])
            #expect(arrived.status == .seeOther && arrived.location?.contains("notice=checked_in") == true)
            let after = try await coordinator.get(event + "/check-in")
            #expect(after.section("door-counts").contains("受付済み 1 名"))
            #expect(after.section("door-sectors").contains("<td>産業</td><td>1</td><td>1</td>"))
            #expect(after.section("arrival-\(registrationID)").contains("受付 2"), "the time they arrived")
            // Twice is once; undone is undone.
            try await coordinator.post(event + "/check-in/\(registrationID)", [("q", "")])
            #expect(try await coordinator.get(event + "/check-in").section("door-counts").contains("受付済み 1 名"))
            try await coordinator.post(event + "/check-in/\(registrationID)/undo", [("q", "")])
            #expect(try await coordinator.get(event + "/check-in").section("door-counts").contains("受付済み 0 名"))

            // Found by reading; a member who did not register is a walk-in.
            let byReading = try await coordinator.get(event + "/check-in?q=" + "マツモト".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(byReading.section("arrivals").contains("松本 恭平") == false, "gave up their place: not listed as registered")
            #expect(byReading.section("walk-ins").contains("松本 恭平"))
            let memberID = try #require(byReading.section("walk-ins").firstMatch(of: /walk-in-(\d+)/).map { String($0.1) })
            let walkedIn = try await coordinator.post(event + "/walk-ins", [("member", memberID)])
            #expect(walkedIn.status == .seeOther && walkedIn.location?.contains("notice=walked_in") == true)
            let full = try await coordinator.get(event + "/check-in?q=" + "まつもと".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(full.section("arrivals").contains("松本 恭平") && full.section("door-counts").contains("参加登録 2 名・受付済み 1 名"))
            #expect(try await coordinator.post(event + "/walk-ins", [("member", "999999")]).status == .unprocessableContent)
            #expect(try await coordinator.post(event + "/check-in/999999", [("q", "")]).status == .notFound)
        }
    }
}

/// After the event: who came by sector and organisation, the line for reports in the seeds'
/// style, and the CSV for Excel; only for coordinators.
@Suite struct EventAttendanceTests {
    @Test(arguments: TestDatabase.available)
    func whoCameIsCountedByArrivalsWithTheLineForReports(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let event = String(
                try #require(
                    try await coordinator.post(
                        "/events",
                        [
                            ("kind", "seminar"), ("title", "スタートアップセミナー"), ("startsAt", "2030-01-10T13:30"), ("endsAt", "2030-01-10T17:00"),
                            ("visibility", "members"),
                        ]
                    ).location?.split(separator: "?").first))
            try await site.community.addMember("second@example.jp", "山本 工業", sector: .industry)
            for email in ["member@example.jp", "second@example.jp", "admin@example.jp"] {
                let person = site.browser()
                try await person.signIn(email)
                try await person.post(event + "/registration")
            }
            let before = try await coordinator.get(event + "/attendance")
            #expect(before.section("attendance").contains("参加登録で数えています"))
            #expect(before.contains("value=\"スタートアップセミナーの開催[3企業・団体、3名参加]（R12.1）\""))

            let door = try await coordinator.get(event + "/check-in")
            for id in door.section("arrivals").matches(of: /data-testid="arrival-(\d+)"/).map({ String($0.1) }).prefix(2) {
                try await coordinator.post(event + "/check-in/\(id)", [("q", "")])
            }
            let after = try await coordinator.get(event + "/attendance")
            #expect(after.contains("[2企業・団体、2名参加]（R12.1）") && after.contains("受付で確認した参加者で数えています"))
            #expect(after.section("attendance-sectors").contains("<td>産業</td><td>1</td>"))
            let csv = try await coordinator.get(event + "/attendance.csv")
            #expect(csv.status == .ok && csv.body.hasPrefix("\u{FEFF}組織,セクター,人数\r\n"))
            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(try await member.get(event + "/attendance").status == .forbidden)
            #expect(try await member.get(event + "/attendance.csv").status == .forbidden)
        }
    }
}
