import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// Visitors without an account: they ask on a public event's page, confirm through the mailed
/// link, get the ticket by mail, give the place up by their link; the waiting move up; the
/// door counts them apart; asking is limited; an event that does not welcome them refuses.
@Suite struct EventVisitorTests {
    /// The path of the visitor's link in the newest mail to the address.
    static func visitLink(to address: String, _ site: TestSite) async throws -> String {
        let mail = try #require(try await InvitationMailTests.mails(site).last { $0.to.map(\.address) == [address] })
        return try #require(mail.text.firstMatch(of: /http:\/\/127\.0\.0\.1:8080(\/events\/visits\/[A-Za-z0-9_\-]+)/).map { String($0.1) })
    }

    @Test(arguments: TestDatabase.available)
    func aVisitorConfirmsByMailGetsATicketAndGivesThePlaceUp(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            var fields: [(String, String)] = [
                ("kind", "seminar"), ("title", "スタートアップセミナー"), ("startsAt", "2030-06-01T15:00"), ("endsAt", "2030-06-01T17:00"),
                ("visibility", "members"), ("capacity", "1"), ("visitorsWelcome", "1"),
            ]
            let refused = try await coordinator.post("/events", fields)
            #expect(refused.status == .unprocessableContent && refused.contains("公開イベントでのみ"))
            fields = fields.map { $0.0 == "visibility" ? ("visibility", "public") : $0 }
            let event = String(try #require(try await coordinator.post("/events", fields).location?.split(separator: "?").first))
            let closed = String(
                try #require(
                    try await coordinator.post("/events", fields.filter { $0.0 != "visitorsWelcome" }).location?.split(separator: "?").first))

            let visitor = site.browser()
            let page = try await visitor.get(event)
            #expect(page.section("visitor-form").contains("確認メールを送る"))
            #expect(!(try await visitor.get(closed)).contains("visitor-form"))
            #expect(try await visitor.post(closed + "/visitors", [("name", "A"), ("email", "a@example.com")]).status == .forbidden)
            let bad = try await visitor.post(event + "/visitors", [("name", ""), ("organization", "鳥取精密"), ("email", "not an address")])
            #expect(bad.status == .unprocessableContent && bad.section("visitor-form").contains("value=\"鳥取精密\""))
            #expect(try await InvitationMailTests.mails(site).isEmpty, "nothing mailed for bad input")

            let asked = try await visitor.post(
                event + "/visitors", [("name", "<b>来場</b> 花子"), ("organization", "鳥取精密"), ("email", "Hanako@Example.com")])
            #expect(asked.location?.contains("notice=visitor_mail_sent") == true)
            let first = try await EventDoorTests.lastMail(to: "hanako@example.com", site)
            #expect((first["subject"] as? String)?.contains("参加申込を確定してください") == true)
            #expect((first["types"] as? [String]) == ["text/plain", "text/html"], "no ticket before confirming")
            let link = try await Self.visitLink(to: "hanako@example.com", site)
            let mailbox = site.browser() // the visitor's browser, opened from the mail
            let confirmPage = try await mailbox.get(link)
            #expect(confirmPage.section("visit").contains("参加申込を確定する") && confirmPage.contains("&lt;b&gt;来場&lt;/b&gt; 花子"))
            #expect(try await mailbox.post(link + "/confirm").location?.contains("notice=visit_confirmed") == true)
            let ticketMail = try await EventDoorTests.lastMail(to: "hanako@example.com", site)
            #expect((ticketMail["subject"] as? String)?.contains("参加登録を受け付けました") == true)
            #expect((ticketMail["qr"] as? String)?.contains(event + "/check-in?ticket=") == true)
            let ticketLink = try await Self.visitLink(to: "hanako@example.com", site)
            #expect(try await mailbox.get(link).status == .notFound, "each mail's link replaces the one before")
            let ticketPage = try await mailbox.get(ticketLink)
            #expect(ticketPage.section("visit").contains("<svg") && ticketPage.section("visit-status").contains("参加登録済み"))

            // A second visitor waits; the first gives the place up; the second moves up by mail.
            try await visitor.post(event + "/visitors", [("name", "来場 次郎"), ("email", "jiro@example.com")])
            try await mailbox.post(try await Self.visitLink(to: "jiro@example.com", site) + "/confirm")
            #expect((try await EventDoorTests.lastMail(to: "jiro@example.com", site)["subject"] as? String)?.contains("キャンセル待ち") == true)
            #expect(try await mailbox.post(ticketLink + "/cancel").status == .seeOther)
            let promoted = try await EventDoorTests.lastMail(to: "jiro@example.com", site)
            #expect((promoted["subject"] as? String)?.contains("参加が確定しました") == true && promoted["qr"] != nil)

            // The door counts visitors apart and shows what they gave, escaped.
            let door = try await coordinator.get(event + "/check-in")
            #expect(door.section("door-sectors").contains("<td>一般(非会員)</td><td>1</td><td>0</td>"))
            #expect(door.section("arrivals").contains("来場 次郎") && !door.section("arrivals").contains("花子"))

            // Asking again and again is limited per address.
            var statuses: [Int] = []
            for _ in 0..<6 {
                statuses.append(try await visitor.post(event + "/visitors", [("name", "来場 三郎"), ("email", "saburo@example.com")]).status.code)
            }
            #expect(statuses == [303, 303, 303, 303, 303, 429])
        }
    }
}
