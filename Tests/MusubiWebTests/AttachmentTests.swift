import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// Files on a listing follow its disclosure level, as its details do.
@Suite struct AttachmentTests {
    static let pdf = Data("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".utf8)

    static func file(_ name: String, _ data: Data, type: String = "application/pdf") -> (name: String, filename: String, type: String, data: Data) {
        (name: "file", filename: name, type: type, data: data)
    }

    @Test(arguments: TestDatabase.available)
    func attachmentsReachOnlyThoseWhoMayReadTheDetails(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let owner = site.browser()
            try await owner.signIn("member@example.jp")
            let open = try await ListingPageTests.post(
                owner, [("kind", "seed"), ("title", "微細気泡の発生装置"), ("summary", "泡を作る"), ("disclosure", "public")])
            let secret = try await ListingPageTests.post(
                owner, [("kind", "seed"), ("title", "非公開の装置"), ("summary", "概要"), ("disclosure", "coordinators")])

            try await owner.get(open)
            let uploaded = try await owner.upload(open + "/attachments", [], files: [Self.file("試験結果 2026.pdf", Self.pdf)])
            #expect(uploaded.status == .seeOther, "\(uploaded)")
            let page = try await owner.get(open)
            let link = try #require(page.cards("attachment", in: "attachments").first)
            #expect(link.contains("試験結果 2026.pdf"))
            let href = try #require(link.split(separator: "\"").dropFirst().first.map(String.init))
            #expect(href.hasPrefix(open + "/attachments/"))

            // A name with a semicolon in quotes is read whole; a visitor cannot send files at all.
            #expect(try await owner.upload(open + "/attachments", [], files: [Self.file("報告書;最終.pdf", Self.pdf)]).status == .seeOther)
            #expect(try await owner.get(open).contains("報告書;最終.pdf"))
            let visitor = site.browser()
            try await visitor.get(open)
            #expect(try await visitor.upload(open + "/attachments", [], files: [Self.file("x.pdf", Self.pdf)]).status == .unsupportedMediaType)

            // Public: a visitor downloads it, as an attachment under its name.
            let download = try await visitor.get(href)
            #expect(download.status == .ok)
            #expect(download.body == String(decoding: Self.pdf, as: UTF8.self))
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[.contentDisposition]?.contains("filename*=UTF-8''%E8%A9%A6") == true)

            // Coordinators only: a member sees neither the list nor the file; a coordinator does.
            try await owner.get(secret)
            #expect(try await owner.upload(secret + "/attachments", [], files: [Self.file("条件.pdf", Self.pdf)]).status == .seeOther)
            let secretHref = try #require(
                try await owner.get(secret).cards("attachment", in: "attachments").first?.split(separator: "\"").dropFirst().first.map(String.init))
            let member = site.browser()
            try await site.community.addMember("maker@example.jp", "山本 工業", sector: .industry)
            try await member.signIn("maker@example.jp")
            let seen = try await member.get(secret)
            #expect(seen.status == .ok)
            #expect(!seen.contains("条件.pdf"))
            #expect(!seen.contains("data-testid=\"attachment-form\""))
            #expect(try await member.get(secretHref).status == .notFound)
            #expect(try await visitor.get(secretHref).status == .seeOther, "a visitor is asked to sign in")
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await coordinator.get(secretHref).status == .ok)

            // Only the owner (or a coordinator) attaches and removes; nothing half-written on refusal.
            try await member.get(open)
            #expect(try await member.upload(open + "/attachments", [], files: [Self.file("x.pdf", Self.pdf)]).status == .forbidden)
            #expect(try await member.post(href + "/remove").status == .forbidden)
            #expect(try await owner.post(href + "/remove").status == .seeOther)
            #expect(try await visitor.get(href).status == .notFound)
            let audit = try await site.community.env.persistence.read { try await $0.audit.search(AuditQuery(action: .attachmentRemoved)) }
            #expect(audit.total == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func badFilesAreRefusedWithAMessage(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let owner = site.browser()
            try await owner.signIn("member@example.jp")
            let listing = try await ListingPageTests.post(owner, [("kind", "seed"), ("title", "装置"), ("summary", "概要")])
            try await owner.get(listing)
            let disguised = try await owner.upload(
                listing + "/attachments", [], files: [Self.file("report.pdf", Data("<html><script>alert(1)</script>".utf8))])
            #expect(disguised.status == .unprocessableContent)
            #expect(disguised.contains("この種類のファイルは添付できません"))
            #expect(
                try await owner.upload(listing + "/attachments", [], files: [Self.file("run.exe", Data("MZ".utf8))]).status == .unprocessableContent)
            #expect(try await owner.upload(listing + "/attachments", [], files: [Self.file("empty.txt", Data())]).status == .unprocessableContent)
            #expect(try await owner.upload(listing + "/attachments", [], files: []).status == .unprocessableContent)
            let large = Data(repeating: 0x41, count: ListingAttachments.sizeLimit + 1)
            let tooLarge = try await owner.upload(listing + "/attachments", [], files: [Self.file("big.txt", large, type: "text/plain")])
            #expect(tooLarge.status == .unprocessableContent)
            let huge = try await owner.upload(
                listing + "/attachments", [], files: [Self.file("huge.txt", Data(repeating: 0x41, count: UploadLimits.files + 1))])
            #expect(huge.status == .contentTooLarge)
            let path = try await owner.upload(
                listing + "/attachments", [], files: [Self.file("../../etc/メモ.txt", Data("メモ".utf8), type: "text/plain")])
            #expect(path.status == .seeOther, "a path sent as the name is cut to its last part")
            let attachments = try await site.community.env.persistence.read { repos in
                try await repos.attachments.of(listingID: Int64(IntroductionFlowTests.id(of: listing))!)
            }
            #expect(attachments.map(\.filename) == ["メモ.txt"], "only the good file was kept")
        }
    }
}
