import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// The dashboard as coordinators and the admin use it: charts drawn on the server, their
/// numbers as CSV that Japanese Excel opens, the admin's target, and the public summary.
@Suite struct DashboardPageTests {
    @Test(arguments: TestDatabase.available)
    func coordinatorsSeeTheYearAndDownloadItsNumbers(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.post("/exchange/channels/\(site.community.lobby.id)/messages", [("body", "展示発表会の準備です")])
            let page = try await coordinator.get("/manage/dashboard")
            #expect(page.status == .ok)
            // The test clock stands in September 2026: 令和8年度.
            #expect(page.body.contains("コミュニティ・ダッシュボード 令和8年度"))
            for chart in CommunityDashboard.ChartKind.allCases { #expect(page.body.contains(#"data-testid="chart-\#(chart.rawValue)""#)) }
            #expect(page.body.contains("<svg") && page.body.contains("<title>参加者数(月末時点)と目標</title>"))
            #expect(!page.body.contains(#"data-testid="dashboard-settings""#), "the target is the admin's")

            let csv = try await coordinator.get("/manage/dashboard/csv/messages?fy=2026")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
            #expect(csv.body.hasPrefix("\u{FEFF}月,公開,非公開,ダイレクト,返信のついたスレッド\r\n"))
            let lines = csv.body.components(separatedBy: "\r\n")
            // April to September: the months that have begun.
            #expect(lines.count == 8 && lines[1].hasPrefix("2026年4月,") && lines.last == "")
            #expect(lines[6].hasPrefix("2026年9月,1,"), "the lobby's message in September: \(lines[6])")
            let lastYear = try await coordinator.get("/manage/dashboard/csv/participants?fy=2025").body.components(separatedBy: "\r\n")
            #expect(lastYear.count == 14 && lastYear[12].hasPrefix("2026年3月,"))
            #expect(try await coordinator.get("/manage/dashboard/csv/weather").status == .notFound)
            #expect(try await coordinator.get("/manage/dashboard?fy=abc").status == .badRequest)
            #expect(try await coordinator.get("/manage/dashboard?fy=1700").status.code / 100 == 4)

            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(try await member.get("/manage/dashboard").status == .notFound)
            #expect(try await member.get("/manage/dashboard/csv/messages").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAdminSetsTheTargetAndMayOpenASummaryToEveryone(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let visitor = site.browser()
            #expect(try await visitor.get("/dashboard").status == .notFound)
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            #expect(try await admin.get("/manage/dashboard").body.contains(#"data-testid="dashboard-settings""#))
            #expect(try await admin.post("/manage/dashboard/settings?fy=2026", [("target", "abc")]).status == .unprocessableContent)
            let saved = try await admin.post("/manage/dashboard/settings?fy=2026", [("target", "50"), ("public", "1")])
            #expect(saved.status == .seeOther)
            let page = try await admin.get("/manage/dashboard?fy=2026")
            #expect(page.body.contains(">目標 50</text>") && page.body.contains(#"value="50""#))

            let summary = try await visitor.get("/dashboard")
            #expect(summary.status == .ok && summary.body.contains(#"data-testid="chart-participants""#))
            #expect(!summary.body.contains(#"data-testid="chart-messages""#) && !summary.body.contains(#"data-testid="csv-"#))

            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await coordinator.post("/manage/dashboard/settings?fy=2026", [("target", "60")]).status == .forbidden)
            #expect(try await admin.post("/manage/dashboard/settings?fy=2026", [("target", "")]).status == .seeOther)
            #expect(try await visitor.get("/dashboard").status == .notFound, "saving without the box closes the summary")
        }
    }
}

/// Counting opened mail, only when the installation asks for it: an image in the mails of
/// bulletins, funding calls and digests (never in a person's messages), counted once per
/// mail, and the dashboard's line for it.
@Suite struct MailOpensTests {
    static func mails(_ site: TestSite, tracking: Bool) async throws -> [MailMessage] {
        let letters = try MailLetters(
            configuration: WebConfiguration(installationName: "テスト結び", installationNameEn: "Test Musubi", mailTracking: tracking),
            opens: MailOpens(site.environment))
        let queued = try await site.environment.persistence.read { try await $0.mailOutbox.list(status: nil, page: .init()) }
        return queued.items.reversed().map { letters.mail($0.letter) }
    }

    @Test(arguments: TestDatabase.available)
    func anOpenedCallIsCountedOnceAndOnlyWhenAsked(_ database: TestDatabase) async throws {
        try await TestSite.run(database, mailTracking: true) { site in
            let c = site.community
            try await Bulletins(site.environment).publish(
                c.actor(c.coordinator),
                BulletinDraft(
                    kind: .fundingCall, title: "水素の補助金", body: "本文", fieldIDs: [c.hydrogen.id],
                    funding: FundingDetails(deadline: site.environment.now().addingTimeInterval(20 * 86_400))))
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "@松本 恭平 さん、ご相談です")])

            let mails = try await Self.mails(site, tracking: true)
            let call = try #require(mails.first { $0.subject.contains("水素の補助金") })
            let image = try #require(
                call.html?.firstMatch(of: /<img src="http:\/\/127\.0\.0\.1:8080(\/mail\/opened\/[^"]+)" width="1"/).map { String($0.1) })
            #expect(mails.first { $0.subject.contains("メンション") }?.html?.contains("<img") == false, "a person's message carries none")
            let untracked = try await Self.mails(site, tracking: false)
            #expect(untracked.allSatisfy { $0.html?.contains("<img") == false }, "off: none at all")

            let reader = site.browser()
            let opened = try await reader.get(image)
            #expect(opened.status == .ok && opened.headers[.contentType] == "image/gif")
            #expect(try await reader.get(image).status == .ok)
            #expect(try await reader.get(image + "x").status == .notFound, "a forged token counts nothing")
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            let lines = try await admin.get("/manage/dashboard/csv/bulletins?fy=2026").body.components(separatedBy: "\r\n")
            #expect(lines[0].hasSuffix(",開封されたメール(お知らせ・公募・ダイジェスト)"), "\(lines[0])")
            #expect(lines[6] == "2026年9月,1,1", "one call sent and opened (twice, counted once) in September: \(lines[6])")
        }
    }

    @Test(arguments: TestDatabase.available)
    func withoutTrackingThereIsNoImageToFetch(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let token = MailOpens(site.environment).token(messageKey: "k", kind: "bulletin")
            let image = try await site.browser().get("/mail/opened/\(token)")
            #expect(image.status == .notFound)
        }
    }
}
