import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// An administrator downloads the whole community from the admin pages; the download is the
/// archive `musubi restore` takes, and the audit log says who took it.
@Suite struct CommunityArchivePageTests {
    @Test(arguments: TestDatabase.available)
    func anAdministratorDownloadsTheWholeCommunity(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            #expect(try await admin.get("/").contains("data-testid=\"nav-community-archive\""))
            let page = try await admin.get("/manage/archive")
            #expect(page.status == .ok && page.contains("data-testid=\"community-archive-form\""))

            let download = try await admin.post("/manage/archive", [])
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/zip")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"musubi-") == true)
            let file = TestFolders.new("download").appendingPathComponent("community.zip")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try download.bytes.write(to: file)
            let archive = try ArchiveContents(file)
            #expect(archive.manifest["format"] as? String == "musubi-community-archive")
            #expect(archive.records("members").contains { $0["email"] as? String == "member@example.jp" })
            #expect(archive.records("audit_log").contains { $0["action"] as? String == "community.exported" }, "the download is in its own audit log")
            #expect(!archive.entries.values.contains { String(decoding: $0, as: UTF8.self).contains("$2") }, "no password hash")

            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(!(try await member.get("/").contains("nav-community-archive")))
            #expect(try await member.post("/manage/archive", []).status == .forbidden)
        }
    }
}
