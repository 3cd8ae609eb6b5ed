import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// Files posted from a channel's form: listed under the message, downloaded only by those
/// who may see the channel, refused with a message on the form, found by the search page.
@Suite struct MessageFilePageTests {
    static func file(_ filename: String, _ data: Data) -> (name: String, filename: String, type: String, data: Data) {
        (name: "files", filename: filename, type: "application/octet-stream", data: data)
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])

    /// The links to files in this part of a page: where each leads, and the name shown.
    static func fileLinks(_ html: String) -> [(href: String, name: String)] {
        html.matches(of: /<a href="([^"]+)" download data-testid="file">([^<]*)<\/a>/).map { (String($0.output.1), String($0.output.2)) }
    }

    @Test(arguments: TestDatabase.available)
    func aFilePostedFromTheFormIsListedDownloadedAndFound(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let room = "/exchange/channels/\(site.community.room.id)"
            try await member.get(room)
            let posted = try await member.upload(
                room + "/messages", [("body", "議事録です")],
                files: [
                    Self.file("議事録 <第1回>.txt", Data("議事録\n".utf8)), Self.file("図.png", Self.png),
                ])
            #expect(posted.status == .seeOther, "\(posted)")
            let links = Self.fileLinks(try await member.get(room).section("timeline"))
            #expect(links.map(\.name) == ["計画書.txt", "議事録 &lt;第1回&gt;.txt", "図.png"], "the seeded plan and the two posted, names escaped")
            let href = links[1].href
            #expect(href.hasPrefix("/exchange/files/"))

            let download = try await member.get(href)
            #expect(download.status == .ok && download.body == "議事録\n")
            #expect(download.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(
                download.headers[.contentDisposition] == "attachment; filename=\"___ <_1_>.txt\"; filename*=UTF-8''"
                    + "%E8%AD%B0%E4%BA%8B%E9%8C%B2%20%3C%E7%AC%AC1%E5%9B%9E%3E%2Etxt")
            #expect(download.headers[.cacheControl] == "private, no-store")

            // Nobody else sees the private room's files; a visitor is asked to sign in.
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await coordinator.get(href).status == .notFound)
            #expect(try await site.browser().get(href).status == .seeOther)

            // The search page finds the file's name and marks it.
            let results = try await member.get("/exchange/search?q=" + Browser.encode("第1回"))
            #expect(results.section("search-results").contains("<mark>第1回</mark>"))
            let theirs = try await coordinator.get("/exchange/search?q=" + Browser.encode("第1回"))
            #expect(theirs.contains("data-testid=\"search-empty\"") && !theirs.contains("第1回</mark>"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func badFilesComeBackOnTheFormWithNothingPosted(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let lobby = "/exchange/channels/\(site.community.lobby.id)"
            try await member.get(lobby)
            let wrong = try await member.upload(lobby + "/messages", [("body", "写真です")], files: [Self.file("写真.jpg", Self.png)])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.section("compose").contains("data-testid=\"files-error\""))
            #expect(wrong.section("compose").contains("写真です"), "the text is kept")
            let many = try await member.upload(
                lobby + "/messages", [("body", "")], files: Array(repeating: Self.file("a.pdf", AttachmentTests.pdf), count: 5))
            let heavy = try await member.upload(
                lobby + "/messages", [("body", "")], files: Array(repeating: Self.file("a.txt", Data(repeating: 0x41, count: 2_650_000)), count: 4))
            #expect(heavy.status == .unprocessableContent, "four files of 2.65 MB are more than 10 MB in all")
            #expect(many.status == .unprocessableContent && many.contains("4件まで"))
            let empty = try await member.upload(lobby + "/messages", [("body", " ")], files: [])
            #expect(empty.status == .unprocessableContent)
            #expect(try await member.get(lobby).cards("message", in: "timeline").isEmpty)
            // A file alone is a message.
            #expect(
                try await member.upload(lobby + "/messages", [("body", "")], files: [Self.file("a.pdf", AttachmentTests.pdf)]).status == .seeOther)
            #expect(Self.fileLinks(try await member.get(lobby).section("timeline")).map(\.name) == ["a.pdf"])
        }
    }
}
