import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// Bulletins and funding calls as people use them: a coordinator publishes through the form,
/// readers find what is for them on the home page and the lists (visitors only what is
/// public), a member saves a call, and the public feeds read right in a real feed reader.
@Suite struct BulletinPageTests {
    /// What Python's feedparser makes of a feed.
    static func parsed(_ xml: String) throws -> [String: Any] {
        try Python.json(
            """
            import feedparser, json, sys
            d = feedparser.parse(sys.stdin.buffer.read())
            print(json.dumps({"bozo": d.bozo, "title": d.feed.get("title"), "updated": d.feed.get("updated"),
                              "entries": [{"title": e.title, "link": e.link, "updated": e.get("updated"),
                                           "parsed": list(e.updated_parsed[:6]) if e.get("updated_parsed") else None,
                                           "summary": e.get("summary")} for e in d.entries]}))
            """, input: Data(xml.utf8))
    }

    static func publish(_ browser: Browser, _ fields: [(String, String)]) async throws -> Browser.Page {
        try await browser.get("/bulletins/new")
        return try await browser.post("/bulletins", fields)
    }

    @Test(arguments: TestDatabase.available)
    func aFundingCallForAFieldReachesItsMembersWhoSaveIt(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let deadline = site.environment.now().addingTimeInterval(20 * 86_400)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
            let published = try await Self.publish(
                coordinator,
                [
                    ("kind", "funding_call"), ("visibility", "members"), ("title", "水素サプライチェーン実証補助金"),
                    ("body", "*補助率 2/3* 県内の中小企業が対象です。"), ("fields", "\(c.hydrogen.id)"), ("funderName", "県産業振興課"),
                    ("amountMin", "1,000,000"), ("amountMax", "20000000"), ("deadline", formatter.string(from: deadline)),
                    ("link", "https://example.jp/hojo"), ("discussIn", "\(c.lobby.id)"),
                ])
            #expect(published.status == .seeOther)
            let path = String(try #require(published.location?.split(separator: "?").first))

            let member = site.browser()
            try await member.signIn("member@example.jp")
            let home = try await member.get("/")
            #expect(home.body.contains(#"data-testid="home-bulletin""#) && home.body.contains("水素サプライチェーン実証補助金"))
            #expect(home.body.contains(#"data-testid="bell-count">1</span>"#), "a call for their field rings the bell")
            let page = try await member.get(path)
            #expect(page.body.contains("<strong>補助率 2/3</strong>") && page.body.contains("1,000,000円 〜 20,000,000円"))
            #expect(page.body.contains(#"data-testid="discussion-link""#))
            #expect(try await member.post(path + "/save", [("saved", "1")]).status == .seeOther)
            let saved = try await member.get("/funding-calls?saved=1")
            #expect(saved.body.contains("水素サプライチェーン実証補助金") && saved.body.contains(#"data-testid="unsave-call""#) == false)
            #expect((try await member.get(path)).body.contains(#"data-testid="unsave-call""#))
            // It is about their field and open to every sector: it fits them.
            let fitting = try await member.get("/funding-calls?fits=1")
            #expect(fitting.body.contains("水素サプライチェーン実証補助金") && fitting.body.contains(#"data-testid="fits-mark""#))
            // Coordinators see who here could apply; members do not.
            #expect(try await coordinator.get(path).body.contains(#"data-testid="could-apply""#))
            #expect(!(try await member.get(path)).body.contains(#"data-testid="could-apply""#))

            // Members only: a visitor finds nothing, not even in the feed.
            let visitor = site.browser()
            #expect(try await visitor.get(path).status == .notFound)
            #expect(!(try await visitor.get("/funding-calls")).body.contains("水素サプライチェーン"))
            #expect(!(try await visitor.get("/funding-calls.atom")).body.contains("水素サプライチェーン"))
            #expect(try await visitor.post(path + "/save", [("saved", "1")]).status == .unauthorized)

            // A member may not publish; a bad form comes back with its messages.
            #expect(try await member.get("/bulletins/new").status == .forbidden)
            let bad = try await Self.publish(
                coordinator, [("kind", "funding_call"), ("visibility", "members"), ("title", ""), ("body", "x"), ("deadline", "明日")])
            #expect(bad.status == .unprocessableContent && bad.body.contains(#"data-testid="deadline-error""#))
        }
    }

    @Test(arguments: TestDatabase.available)
    func publicBulletinsAreInFeedsAFeedReaderReads(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await Self.publish(
                coordinator,
                [
                    ("kind", "ip_information"), ("visibility", "public"), ("title", "特許庁の「知財ビジネスマッチング」<案内> & 説明会"),
                    ("body", "詳しくは https://example.jp/ip へ"),
                ])
            try await Self.publish(coordinator, [("kind", "network_notice"), ("visibility", "members"), ("title", "会員だけの連絡"), ("body", "本文")])

            let visitor = site.browser()
            let list = try await visitor.get("/bulletins")
            #expect(list.body.contains("特許庁の「知財ビジネスマッチング」&lt;案内&gt; &amp; 説明会") && !list.body.contains("会員だけの連絡"))
            let feed = try await visitor.get("/bulletins.atom")
            #expect(feed.status == .ok && feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            let read = try Self.parsed(feed.body)
            #expect(read["bozo"] as? Int == 0, "a well-formed feed")
            let entries = try #require(read["entries"] as? [[String: Any]])
            #expect(entries.map { $0["title"] as? String } == ["特許庁の「知財ビジネスマッチング」<案内> & 説明会"])
            #expect((entries.first?["link"] as? String)?.hasPrefix("http://127.0.0.1:8080/bulletins/") == true)
            #expect((entries.first?["parsed"] as? [Int])?.count == 6, "its updated time is one a reader understands")
            #expect((read["title"] as? String)?.hasSuffix("お知らせ") == true)
            let calls = try Self.parsed((try await visitor.get("/funding-calls.atom")).body)
            #expect(calls["bozo"] as? Int == 0 && (calls["entries"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func programsPublishReadAndSaveThroughTheAPI(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let coordinator = try await MatchingAPITests.client(site, "coord@example.jp")
            let member = try await MatchingAPITests.client(site, "member@example.jp")
            let visitor = APIClient(client: site.client, token: nil)
            let deadline = site.environment.now().addingTimeInterval(30 * 86_400).ISO8601Format()
            let call: [String: Any] = [
                "kind": "funding_call", "title": "ものづくり補助金(第20次)", "body": "設備投資を支援します。", "fieldIds": [c.hydrogen.id],
                "funding": ["funderName": "中小企業庁", "amountMax": 12_500_000, "deadline": deadline, "eligibleSectors": ["industry"]],
            ]
            let published = try await coordinator.call(.post, "/api/v1/bulletins", json: call)
            #expect(published.status == .created && published.object["kind"] as? String == "funding_call")
            let id = try #require(published.object["id"] as? Int)
            #expect(try await member.call(.post, "/api/v1/bulletins", json: call).status == .forbidden)

            let open = try await member.call(.get, "/api/v1/bulletins?open=true")
            #expect(open.items.map { $0["title"] as? String } == ["ものづくり補助金(第20次)"])
            #expect(try await member.call(.put, "/api/v1/bulletins/\(id)/saved").status == .noContent)
            let saved = try await member.call(.get, "/api/v1/bulletins?saved=true")
            #expect(saved.items.first?["saved"] as? Bool == true)
            #expect(try await visitor.call(.get, "/api/v1/bulletins/\(id)").status == .notFound, "members only")
            #expect(try await visitor.call(.put, "/api/v1/bulletins/\(id)/saved").status == .unauthorized)

            var late = call
            late["funding"] = ["deadline": "明日の夕方"]
            #expect(try await coordinator.call(.post, "/api/v1/bulletins", json: late).status == .unprocessableContent)
            #expect(try await coordinator.call(.delete, "/api/v1/bulletins/\(id)").status == .noContent)
            #expect(try await member.call(.get, "/api/v1/bulletins/\(id)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCallsDocumentsReachOnlyItsReaders(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let c = site.community
            let call = try await Bulletins(site.environment).publish(
                c.actor(c.coordinator),
                BulletinDraft(
                    kind: .fundingCall, title: "公募要領つきの補助金", body: "要領を添付します", visibility: .members,
                    funding: FundingDetails(deadline: site.environment.now().addingTimeInterval(30 * 86_400))))
            let path = "/bulletins/\(call.id)"
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            #expect(try await coordinator.get(path).body.contains(#"data-testid="bulletin-file-form""#))
            let pdf = Data("%PDF-1.4\n公募要領\n%%EOF\n".utf8)
            let added = try await coordinator.upload(
                path + "/files", [], files: [(name: "file", filename: "公募要領.pdf", type: "application/pdf", data: pdf)])
            #expect(added.status == .seeOther)
            let disguised = try await coordinator.upload(
                path + "/files", [], files: [(name: "file", filename: "申請書.pdf", type: "application/pdf", data: Data("MZ not a pdf".utf8))])
            #expect(disguised.status == .unprocessableContent)

            let member = site.browser()
            try await member.signIn("member@example.jp")
            let page = try await member.get(path)
            let href = try #require(page.body.firstMatch(of: /href="(\/bulletins\/\d+\/files\/\d+)" download>公募要領.pdf/).map { String($0.1) })
            #expect(!page.body.contains(#"data-testid="bulletin-file-form""#), "coordinators attach")
            let download = try await member.get(href)
            #expect(download.status == .ok && download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(download.body == String(decoding: pdf, as: UTF8.self))
            #expect(try await site.browser().get(href).status == .notFound, "members only: a visitor finds nothing")

            #expect(try await coordinator.post(href + "/remove").status == .seeOther)
            #expect(try await member.get(href).status == .notFound)
        }
    }
}
