import Foundation
import HTTPTypes
import MusubiCore
import MusubiTestSupport
import Testing

/// The exchange as a workplace, as the pages and their scripts see it: forms answered in JSON
/// for a script, mentions as Japanese writers type them and what the author is told about
/// names that reached nobody, the autocomplete, the sidebar, shortcodes and channel links.
@Suite struct ExchangeWorkplaceTests {
    static let json: HTTPFields = [.accept: "application/json"]

    static func messageID(_ location: String?) -> String {
        String(location?.split(separator: "#").last?.dropFirst() ?? "")
    }

    @Test(arguments: TestDatabase.available)
    func aScriptGetsWhatHappenedInJSONAndNothingIsWrittenForBadInput(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let lobby = "/exchange/channels/\(site.community.lobby.id)"
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let posted = try await member.post(lobby + "/messages", [("body", "資料を共有します")], headers: Self.json)
            #expect(posted.status == .ok && posted.headers[.contentType]?.hasPrefix("application/json") == true)
            let outcome = try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: Any]
            let id = try #require(outcome?["id"] as? Int)
            #expect(outcome?["location"] as? String == lobby + "#m\(id)" && outcome?["hasCheck"] as? Bool == false)

            let empty = try await member.post(lobby + "/messages", [("body", "  ")], headers: Self.json)
            #expect(empty.status == .unprocessableContent && empty.body.contains(#""code":"error.invalid""#), "\(empty.body)")
            let tooMany = try await member.post(lobby + "/messages", [("body", String(repeating: "あ", count: 8_001))], headers: Self.json)
            #expect(tooMany.status == .unprocessableContent)
            #expect(try await member.get(lobby).section("timeline").components(separatedBy: "data-testid=\"message\"").count == 2, "one message")

            let reacted = try await member.post("/exchange/messages/\(id)/reactions", [("emoji", "🎉")], headers: Self.json)
            #expect(reacted.status == .ok)
            let badEmoji = try await member.post("/exchange/messages/\(id)/reactions", [("emoji", "<b>")], headers: Self.json)
            #expect(badEmoji.status == .unprocessableContent && badEmoji.body.contains("error"))
            try await site.community.addMember("other@example.jp", "山本 工業", sector: .industry)
            let other = site.browser()
            try await other.signIn("other@example.jp")
            try await other.post(lobby + "/join")
            #expect(try await other.post("/exchange/messages/\(id)/delete", headers: Self.json).status == .forbidden)
            let deleted = try await member.post("/exchange/messages/\(id)/delete", headers: Self.json)
            #expect(deleted.status == .ok && deleted.body.contains("メッセージを削除しました"))
            // Without the script the same forms lead to pages, the notice before the fragment.
            let again = try await member.post(lobby + "/messages", [("body", "もう一度")])
            let removed = try await member.post("/exchange/messages/\(Self.messageID(again.location))/delete")
            #expect(removed.location == lobby + "?notice=message_deleted#m\(Self.messageID(again.location))")
        }
    }

    @Test(arguments: TestDatabase.available)
    func mentionsAsPeopleWriteThemAndWhatTheAuthorIsToldAboutTheRest(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let lobby = "/exchange/channels/\(c.lobby.id)"
            let member = site.browser()
            try await member.signIn("member@example.jp")

            // The family name with さん, and the reading in katakana, reach the coordinator.
            let first = try await member.post(lobby + "/messages", [("body", "@西村さん 見学の件、@ニシムラ様 よろしくお願いします")])
            #expect(first.location?.contains("checked") == false)
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let mentions = try await coordinator.get("/exchange/mentions")
            #expect(mentions.section("mentions").contains("見学の件"))
            #expect(try await member.get(lobby).section("timeline").contains("@西村 健</a>さん"))

            // Someone outside the channel: the author is told, and offered to seat them.
            let outside = try await member.post(lobby + "/messages", [("body", "@岡田さん にも見てほしいです")])
            let checked = try #require(outside.location)
            #expect(checked.hasPrefix(lobby + "?checked="))
            let told = try await member.get(checked)
            #expect(told.section("mention-check").contains("岡田 美咲"))
            #expect(told.section("mention-check").contains(#"name="member" value="\#(c.admin.id)""#))
            #expect(try await coordinator.get(checked).section("mention-check").isEmpty, "only the author is told")
            #expect(try await member.post(lobby + "/invite", [("member", "\(c.admin.id)")]).status == .seeOther)
            #expect(try await member.get(checked).section("mention-check").isEmpty, "seated now: nothing left to tell")

            // Two 金田s: no silent guess; neither is mentioned, and the author is asked to pick.
            for (email, name) in [("kaneda.h@example.jp", "金田 浩之"), ("kaneda.m@example.jp", "金田 美咲")] {
                try await site.community.addMember(email, name, sector: .industry)
                let kaneda = site.browser()
                try await kaneda.signIn(email)
                try await kaneda.post(lobby + "/join")
            }
            let ambiguous = try await member.post(lobby + "/messages", [("body", "@金田さん 資料をお送りします")])
            let asked = try await member.get(try #require(ambiguous.location))
            #expect(asked.section("ambiguous").contains("@金田") && asked.section("ambiguous").contains("金田 浩之（山陰マリン株式会社）、金田 美咲"))
            let kaneda = site.browser()
            try await kaneda.signIn("kaneda.h@example.jp")
            #expect(!(try await kaneda.get("/exchange/mentions")).body.contains("資料をお送りします"))
            try await member.post(lobby + "/messages", [("body", "@金田 美咲さん 資料をお送りします")])
            let picked = site.browser()
            try await picked.signIn("kaneda.m@example.jp")
            #expect(try await picked.get("/exchange/mentions").body.contains("資料をお送りします"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAutocompleteOffersPeopleHereFirstAndChannelsByName(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let people = "/exchange/channels/\(c.lobby.id)/people"
            let byReading = try await member.get(people + "?q=にし", headers: Self.json)
            #expect(byReading.status == .ok && byReading.body.contains(#""name":"西村 健""#) && byReading.body.contains(#""seated":true"#))
            let everyoneHere = try await member.get(people + "?q=", headers: Self.json)
            #expect(everyoneHere.body.contains("西村 健") && !everyoneHere.body.contains("松本 恭平"), "not oneself")
            let outside = try await member.get(people + "?q=岡田", headers: Self.json)
            #expect(outside.body.contains(#""name":"岡田 美咲""#) && outside.body.contains(#""seated":false"#))
            #expect(!(try await member.get(people + "?q=新井", headers: Self.json)).body.contains("新井"), "not someone still applying")
            let byOrganisation = try await member.get(people + "?q=\(Browser.encode(c.organizations[.support]!.name))", headers: Self.json)
            #expect(byOrganisation.body.contains("西村 健"))

            // A guest seated in the channel is offered its people, but nobody from the directory.
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/invite", [("member", "\(c.guest.id)")])
            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            #expect(try await guest.get(people + "?q=にし", headers: Self.json).body.contains("西村 健"))
            #expect(!(try await guest.get(people + "?q=岡田", headers: Self.json)).body.contains("岡田"))
            #expect(try await guest.get("/exchange/channels/\(c.room.id)/people?q=", headers: Self.json).status == .notFound)

            let channels = try await member.get("/exchange/channel-names?q=\(Browser.encode("雑"))", headers: Self.json)
            #expect(channels.body.contains(#""name":"雑談""#) && !channels.body.contains("共同研究の相談"), "public channels only")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSidebarCountsWhatIsUnreadElsewhere(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "@松本さん 来週の件です")])
            let room = try await member.get("/exchange/channels/\(c.room.id)")
            let sidebar = room.section("sidebar")
            #expect(sidebar.contains(#"aria-current="page">🔒 共同研究の相談"#))
            let lobbyRow = try #require(sidebar.components(separatedBy: "data-testid=\"sidebar-channel-\(c.lobby.id)\"").dropFirst().first)
            #expect(lobbyRow.contains(#"data-testid="sidebar-unread">1<"#) && lobbyRow.contains(#"data-testid="sidebar-mentions">@1<"#))
            let fragment = try await member.get("/exchange/sidebar")
            #expect(fragment.status == .ok && fragment.body.contains("sidebar-channel-\(c.lobby.id)") && !fragment.body.contains("<html"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func shortcodesAndChannelNamesBecomeEmojiAndLinks(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let lobby = "/exchange/channels/\(c.lobby.id)"
            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.post(lobby + "/messages", [("body", "完成しました :tada: 詳しくは #雑談 へ。`:tada:` はそのまま")])
            let timeline = try await member.get(lobby).section("timeline")
            #expect(timeline.contains("完成しました 🎉"))
            #expect(timeline.contains(#"href="\#(lobby)""#) && timeline.contains("#雑談"))
            #expect(timeline.contains("<code>:tada:</code>"))
            let catalog = try await member.get("/exchange/emoji.json")
            #expect(catalog.status == .ok && catalog.body.contains("サムズアップ") && catalog.body.contains("\"thumbsup\""))
        }
    }
}

/// Images and PDFs posted in a channel: a preview made on the server by the Debian tools, the
/// photo kept without its location, and the channel's list of files.
@Suite(.enabled(if: ["/usr/bin/vipsthumbnail", "/usr/bin/pdftoppm"].allSatisfy(FileManager.default.isExecutableFile(atPath:))))
struct MessagePreviewTests {
    /// A 64×48 PNG that says where it was taken (an `eXIf` chunk), and a one-page PDF.
    static let samples = """
        import base64, json, struct, zlib
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
        raw = b"".join(b"\\x00" + b"".join(bytes([x * 4 % 256, y * 5 % 256, 128]) for x in range(64)) for y in range(48))
        png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 48, 8, 2, 0, 0, 0)) \\
            + chunk(b"eXIf", b"MM\\x00*GPSLatitude 35.5N") + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>"]
        stream = b"0 0 1 rg 10 10 180 80 re f"
        objects.append(b"<< /Length %d >>\\nstream\\n" % len(stream) + stream + b"\\nendstream")
        pdf, offsets = b"%PDF-1.4\\n", []
        for number, body in enumerate(objects, 1):
            offsets.append(len(pdf))
            pdf += b"%d 0 obj\\n" % number + body + b"\\nendobj\\n"
        xref = len(pdf)
        pdf += b"xref\\n0 %d\\n0000000000 65535 f \\n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \\n" % o for o in offsets)
        pdf += b"trailer\\n<< /Size %d /Root 1 0 R >>\\nstartxref\\n%d\\n%%%%EOF\\n" % (len(objects) + 1, xref)
        print(json.dumps({"png": base64.b64encode(png).decode(), "pdf": base64.b64encode(pdf).decode()}))
        """

    @Test(arguments: TestDatabase.available)
    func imagesAndPDFsArePreviewedAndPhotosKeepNoLocation(_ database: TestDatabase) async throws {
        let samples = try Python.json(Self.samples, input: Data())
        let png = try #require(Data(base64Encoded: samples["png"] as? String ?? ""))
        let pdf = try #require(Data(base64Encoded: samples["pdf"] as? String ?? ""))
        try await TestSite.run(database) { site in
            let lobby = "/exchange/channels/\(site.community.lobby.id)"
            let member = site.browser()
            try await member.signIn("member@example.jp")
            try await member.get(lobby)
            let posted = try await member.upload(
                lobby + "/messages", [("body", "試作品の写真と仕様書です")],
                files: [("files", "試作品.png", "image/png", png), ("files", "仕様書.pdf", "application/pdf", pdf)])
            #expect(posted.status == .seeOther)
            let timeline = try await member.get(lobby).section("timeline")
            let previews = timeline.matches(of: /src="(\/exchange\/files\/\d+\/preview)"/).map { String($0.output.1) }
            #expect(previews.count == 2, "the image and the PDF")
            for path in previews {
                let preview = try await member.get(path)
                #expect(preview.status == .ok && preview.headers[.contentType] == "image/jpeg" && preview.bytes.starts(with: [0xFF, 0xD8]))
                #expect(preview.bytes.range(of: Data("GPS".utf8)) == nil && preview.bytes.range(of: Data("Exif".utf8)) == nil)
            }
            let original = try await member.get(
                try #require(timeline.matches(of: /href="(\/exchange\/files\/\d+)" download/).first.map { String($0.output.1) }))
            #expect(
                original.bytes.starts(with: [0x89, 0x50]) && original.bytes.range(of: Data("GPSLatitude".utf8)) == nil,
                "the photo kept without its location")

            // The channel's files, newest first, with previews; nobody outside sees them.
            let files = try await member.get(lobby + "/files")
            #expect(files.status == .ok && files.section("channel-files").contains("仕様書.pdf") && files.section("channel-files").contains("試作品.png"))
            #expect(files.section("channel-files").components(separatedBy: "data-testid=\"image-preview\"").count == 3)
            let guest = site.browser()
            try await guest.signIn("guest@example.jp")
            #expect(try await guest.get(lobby + "/files").status == .notFound)
            #expect(try await guest.get(previews[0]).status == .notFound)
        }
    }
}
