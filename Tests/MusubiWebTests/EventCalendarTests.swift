import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// Events in calendar programs: an event's `.ics` and the public feed, read back by Python's
/// `icalendar` (a real RFC 5545 parser).
@Suite(.enabled(if: (try? Python.json("import icalendar, json; print(json.dumps({}))", input: Data())) != nil))
struct EventCalendarTests {
    /// What the parser makes of a calendar: its time zones and each event's fields.
    static let reader = """
        import icalendar, json, sys
        calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        events = []
        for event in calendar.walk("VEVENT"):
            start, end = event.get("DTSTART"), event.get("DTEND")
            events.append({
                "uid": str(event.get("UID")), "summary": str(event.get("SUMMARY")), "location": str(event.get("LOCATION", "")),
                "description": str(event.get("DESCRIPTION", "")), "status": str(event.get("STATUS")),
                "start": start.dt.isoformat(), "end": end.dt.isoformat(), "tzid": start.params.get("TZID", ""),
                "allDay": not hasattr(start.dt, "hour")})
        zones = [str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")]
        print(json.dumps({"events": events, "zones": zones}))
        """

    @Test(arguments: TestDatabase.available)
    func anEventAndThePublicFeedReadInACalendarProgram(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let created = try await coordinator.post(
                "/events",
                [
                    ("kind", "exhibition"), ("title", "第12回 展示発表会（研究会・分科会の成果展示、ポスター発表、交流会を含む二日間の催し）"), ("allDay", "1"),
                    ("startsAt", "2030-02-10"), ("endsAt", "2030-02-11"), ("venueName", "米子コンベンションセンター; 多目的ホール"),
                    ("description", "出展募集中です。\n締切は1月19日, 申込はWebから"), ("visibility", "public"),
                ])
            #expect(created.status == .seeOther)

            let feed = try await site.browser().get("/events.ics")
            #expect(feed.status == .ok && feed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(feed.body.contains("\r\n") && feed.body.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
            let read = try Python.json(Self.reader, input: Data(feed.body.utf8))
            let events = try #require(read["events"] as? [[String: Any]])
            #expect(events.count == 1, "the public event only, not the members' seminar")
            let show = try #require(events.first)
            #expect(show["summary"] as? String == "第12回 展示発表会（研究会・分科会の成果展示、ポスター発表、交流会を含む二日間の催し）")
            #expect(show["allDay"] as? Bool == true && show["start"] as? String == "2030-02-10" && show["end"] as? String == "2030-02-12")
            #expect(show["location"] as? String == "米子コンベンションセンター; 多目的ホール")
            #expect(show["description"] as? String == "出展募集中です。\n締切は1月19日, 申込はWebから")
            #expect(show["status"] as? String == "CONFIRMED" && (show["uid"] as? String)?.hasPrefix("event-") == true)

            // A members' event: its file for a member, with Tokyo times and the zone.
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let file = try await member.get("/events/\(c.seminar.id)/calendar.ics")
            let seminar = try Python.json(Self.reader, input: Data(file.body.utf8))
            let entry = try #require((seminar["events"] as? [[String: Any]])?.first)
            #expect(seminar["zones"] as? [String] == ["Asia/Tokyo"] && entry["tzid"] as? String == "Asia/Tokyo")
            #expect((entry["start"] as? String)?.hasSuffix("+09:00") == true)
            #expect(try await site.browser().get("/events/\(c.seminar.id)/calendar.ics").status == .seeOther, "a visitor is asked to sign in")
        }
    }
}
