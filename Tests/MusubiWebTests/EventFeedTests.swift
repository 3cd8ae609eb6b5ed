import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// A member's private calendar feed: its address is shown once, opens without signing in, holds
/// the events they registered for and those of their fields they may see (not an invited-only
/// one, not another field's), and stops when replaced or taken back.
@Suite struct EventFeedTests {
    @Test(arguments: TestDatabase.available)
    func thePrivateFeedHoldsOnesEventsAndStopsWhenTakenBack(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            func create(_ title: String, field: Int64, visibility: String) async throws {
                let made = try await coordinator.post(
                    "/events",
                    [
                        ("kind", "seminar"), ("title", title), ("startsAt", "2030-02-01T10:00"), ("endsAt", "2030-02-01T12:00"),
                        ("visibility", visibility), ("fields", String(field)),
                    ])
                #expect(made.status == .seeOther)
            }
            try await create("水素の勉強会", field: c.hydrogen.id, visibility: "members")
            try await create("養殖の勉強会", field: c.aquaculture.id, visibility: "members")
            try await create("非公開の打合せ", field: c.hydrogen.id, visibility: "invited")

            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.post("/events/\(c.seminar.id)/registration")
            #expect(try await member.get("/me/calendar").section("calendar-feed").contains("非公開アドレスを発行する"))
            let issued = try await member.post("/me/calendar")
            let address = try #require(
                issued.body.firstMatch(of: /value="http:\/\/127\.0\.0\.1:8080(\/calendar\/[A-Za-z0-9_\-]+\/events\.ics)"/).map { String($0.1) })
            #expect(!(try await member.get("/me/calendar")).contains(address), "shown once")

            let feed = try await site.browser().get(address)
            #expect(feed.status == .ok && feed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(feed.body.contains("SUMMARY:水素の勉強会") && feed.body.contains("SUMMARY:\(c.seminar.draft.title)"))
            #expect(!feed.body.contains("養殖の勉強会") && !feed.body.contains("非公開の打合せ"))

            // Replaced: the old address stops; taken back: the new one too.
            let second = try #require(
                try await member.post("/me/calendar").body.firstMatch(of: /value="http:\/\/127\.0\.0\.1:8080(\/calendar\/[^"]+)"/).map {
                    String($0.1)
                })
            #expect(try await site.browser().get(address).status == .notFound)
            #expect(try await site.browser().get(second).status == .ok)
            #expect(try await member.post("/me/calendar/revoke").location?.contains("notice=calendar_feed_revoked") == true)
            #expect(try await site.browser().get(second).status == .notFound)
        }
    }
}
