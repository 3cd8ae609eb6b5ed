import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// The admin's Slack import page: upload an export, follow the progress page to its summary
/// or its report; only admins; bad uploads come back on the form.
@Suite struct SlackImportPageTests {
    static func upload(_ browser: Browser, _ export: SlackExportFile) async throws -> Browser.Page {
        let data = try Data(contentsOf: try export.zipped())
        try await browser.get("/manage/slack-import")
        return try await browser.upload(
            "/manage/slack-import", [], files: [(name: "export", filename: "Sample Slack export.zip", type: "application/zip", data: data)])
    }

    /// The job page once the import has ended (it reloads itself until then).
    static func finished(_ browser: Browser, _ location: String) async throws -> Browser.Page {
        for _ in 0..<200 {
            let page = try await browser.get(location)
            if page.headers[.init("Refresh")!] == nil { return page }
            #expect(page.contains("data-testid=\"import-progress\""))
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the import did not end")
        return try await browser.get(location)
    }

    @Test(arguments: TestDatabase.available)
    func anAdminUploadsAnExportAndFollowsItToItsSummary(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            #expect(try await admin.get("/").contains("data-testid=\"nav-slack-import\""))
            let form = try await admin.get("/manage/slack-import")
            #expect(form.status == .ok && form.contains("data-testid=\"slack-import-form\"") && form.contains("enctype=\"multipart/form-data\""))

            let started = try await Self.upload(admin, SlackExportFile.sample())
            #expect(started.status == .seeOther)
            let location = try #require(started.location)
            #expect(location.hasPrefix("/manage/slack-import/"))
            let done = try await Self.finished(admin, location)
            let summary = done.section("import-summary")
            #expect(summary.contains("data-testid=\"summary-messages_imported\">13<"))
            #expect(summary.contains("data-testid=\"summary-people_created\">3<"))
            #expect(summary.contains("data-testid=\"summary-people_found\">1<"))
            #expect(done.contains("Sample Slack export.zip"))

            // The matched member now has the imported channels and their history.
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let exchange = try await member.get("/exchange")
            #expect(exchange.section("my-channels").contains("general"))
            let search = try await member.get("/exchange/search?q=" + Browser.encode("交流会"))
            #expect(search.contains("<mark>交流会</mark>"))

            // Again: nothing new.
            let again = try await Self.finished(admin, try #require(try await Self.upload(admin, SlackExportFile.sample()).location))
            #expect(again.section("import-summary").contains("data-testid=\"summary-messages_already_there\">13<"))
            #expect(again.section("import-summary").contains("data-testid=\"summary-messages_imported\">0<"))
            #expect(try await admin.get("/manage/audit").contains("Slack"))
        }
    }

    /// The export holds private conversations: it waits in the installation's own folder, and
    /// nothing of it is left there once the import has ended, nor after a stop.
    @Test(arguments: TestDatabase.available)
    func uploadsWaitInTheDataFolderAndNothingOfThemIsLeft(_ database: TestDatabase) async throws {
        let uploads = TestFolders.new("uploads")
        let leftover = uploads.appendingPathComponent("slack-import-from-a-killed-run")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try Data("private".utf8).write(to: leftover.appendingPathComponent("export.zip"))
        let inside: @Sendable () -> [String] = { (try? FileManager.default.contentsOfDirectory(atPath: uploads.path)) ?? [] }
        try await TestSite.run(database, uploadsDirectory: uploads) { site in
            #expect(inside().isEmpty, "swept at start: \(inside())")
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            _ = try await Self.finished(admin, try #require(try await Self.upload(admin, SlackExportFile.sample()).location))
            #expect(inside().isEmpty, "removed when the import ended: \(inside())")
            // Stopped right after an upload: the server ends the test's requests, then the jobs.
            #expect(try await Self.upload(admin, SlackExportFile.sample()).status == .seeOther)
        }
        #expect(inside().isEmpty, "nothing left after the stop: \(inside())")
    }

    @Test(arguments: TestDatabase.available)
    func aMalformedExportIsReportedAndNothingImported(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            var export = SlackExportFile.sample()
            export.set(
                "general/2024-01-14.json",
                json: [["type": "message", "user": "U42", "ts": SlackExportFile.ts(9), "text": "<script>alert(1)</script>"]])
            export.set("../escape/<b>x</b>.json", json: [])
            let started = try await Self.upload(admin, export)
            let report = try await Self.finished(admin, try #require(started.location))
            let refused = report.section("import-refused")
            #expect(refused.contains("<code>../escape/&lt;b&gt;x&lt;/b&gt;.json</code>"), "paths are escaped")
            #expect(refused.contains("展開先の外を指すパス"))
            #expect(report.section("import-summary").isEmpty)

            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(!(try await member.get("/exchange").contains("general")))
            #expect(!(try await admin.get("/manage/people?status=active").contains("田中 健司")))

            // Only a person the export does not list: imported, and shown first, by file, with
            // the person's id, above the summary.
            export.remove("../escape/<b>x</b>.json")
            export.set("迷子/2024-01-10.json", json: [])
            let second = try await Self.finished(admin, try #require(try await Self.upload(admin, export).location))
            #expect(second.section("import-refused").isEmpty)
            let warnings = second.section("import-warnings")
            #expect(warnings.contains("<code>general/2024-01-14.json</code>: users.json にない人です"), "\(warnings)")
            #expect(warnings.contains("(U42)"))
            #expect(warnings.contains("<code>迷子/</code>: どの会話の名前にも当たらないフォルダです。中のメッセージは取り込んでいません。</li>"), "no empty detail")
            let body = second.body
            let (warned, summarized) = (body.range(of: "data-testid=\"import-warnings\""), body.range(of: "data-testid=\"import-summary\""))
            #expect(try #require(warned).lowerBound < (try #require(summarized)).lowerBound, "the warnings come before the summary")
            #expect(second.section("summary-people_outside").hasPrefix("data-testid=\"summary-people_outside\">1<"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func badUploadsComeBackOnTheFormAndOnlyAdminsImport(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            try await admin.get("/manage/slack-import")
            let notZip = try await admin.upload(
                "/manage/slack-import", [], files: [(name: "export", filename: "export.zip", type: "application/zip", data: Data("PK but not".utf8))])
            #expect(notZip.status == .unprocessableContent && notZip.contains("zip ファイルとして読めません"))
            let nothing = try await admin.upload("/manage/slack-import", [], files: [])
            #expect(nothing.status == .unprocessableContent && nothing.contains("エクスポート(zip ファイル)を選んでください"))
            #expect(try await admin.get("/manage/slack-import/not-a-job").status == .notFound)

            // A coordinator can neither open the page nor a job's page, nor start one.
            let started = try #require(try await Self.upload(admin, SlackExportFile.sample()).location)
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await coordinator.get("/manage/slack-import").status == .forbidden)
            #expect(try await coordinator.get(started).status == .forbidden)
            try await coordinator.get("/")
            let data = try Data(contentsOf: try SlackExportFile.sample().zipped())
            #expect(
                try await coordinator.upload(
                    "/manage/slack-import", [], files: [(name: "export", filename: "e.zip", type: "application/zip", data: data)]
                ).status == .forbidden)
            _ = try await Self.finished(admin, started)
        }
    }
}
