import Foundation
import HTTPTypes
import HummingbirdWSTesting
import MusubiCore
import MusubiTestSupport
import Testing
import WSClient

/// The exchange's WebSocket with several live clients: each gets exactly what it may see,
/// in order, and a client that comes back resumes without loss or duplicates.
@Suite struct LiveExchangeTests {
    /// A frame as a client receives it.
    struct Frame: Sendable {
        var type: String
        var id: Int64
        var channel: Int64
        var kind: String
        var html: String
        var name: String

        init(_ text: String) {
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            let message = object["message"] as? [String: Any] ?? [:]
            type = object["type"] as? String ?? ""
            id = (object["id"] as? NSNumber)?.int64Value ?? 0
            channel = (object["channel"] as? NSNumber)?.int64Value ?? 0
            kind = object["kind"] as? String ?? ""
            html = message["html"] as? String ?? ""
            name = object["name"] as? String ?? ""
        }
    }

    /// Listens as `browser`'s person until `done` says so, and gives every frame received.
    static func listen(
        _ site: TestSite, as browser: Browser, query: String, typingIn channel: Int64? = nil, until done: @escaping @Sendable ([Frame]) -> Bool
    ) async throws -> [Frame] {
        let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        return try await listen(site, headers: [.cookie: cookie], query: query, typingIn: channel, until: done)
    }

    /// Listens with these headers (a session cookie or an API token).
    static func listen(
        _ site: TestSite, headers: HTTPFields, query: String, typingIn channel: Int64? = nil, until done: @escaping @Sendable ([Frame]) -> Bool
    ) async throws -> [Frame] {
        let received = Received()
        // A frame that never comes fails the test instead of hanging it. The limit is generous:
        // the whole suite runs at once, on both databases, on two cores.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await site.client.ws("/live?" + query, configuration: .init(additionalHeaders: headers)) { inbound, outbound, _ in
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message else { continue }
                        let frame = Frame(text)
                        let frames = await received.add(frame)
                        if frame.type == "ready", let channel {
                            try await outbound.write(.text("{\"type\":\"typing\",\"channel\":\(channel)}"))
                        }
                        if done(frames) { return }
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(60))
                throw Timeout(query: query, received: await received.frames.map { "\($0.type)/\($0.kind)/\($0.channel)/\($0.html.prefix(12))" })
            }
            defer { group.cancelAll() }
            try await group.next()
        }
        return await received.frames
    }

    /// A client that did not get what it waited for within the time: what it got.
    struct Timeout: Error {
        var query = ""
        var received: [String] = []
    }

    actor Received {
        var frames: [Frame] = []
        func add(_ frame: Frame) -> [Frame] {
            frames.append(frame)
            return frames
        }
    }

    static func latestEvent(_ site: TestSite) async throws -> Int64 {
        try await site.community.env.persistence.read { try await $0.messages.latestEventID() }
    }

    static func ended(_ frames: [Frame]) -> Bool { frames.contains { $0.html.contains("おわり") } }

    @Test(arguments: TestDatabase.available)
    func eachClientGetsExactlyWhatItMaySeeInOrder(_ database: TestDatabase) async throws {
        try await TestSite.run(database, live: true) { site in
            let c = site.community
            try await c.addMember("other@example.jp", "田中 一郎", sector: .industry)
            var signedIn: [String: Browser] = [:]
            for email in ["member@example.jp", "coord@example.jp", "admin@example.jp", "guest@example.jp", "other@example.jp"] {
                let browser = site.browser()
                try await browser.signIn(email)
                signedIn[email] = browser
            }
            let browsers = signedIn
            let start = try await Self.latestEvent(site)
            let ready = Received()
            let client: @Sendable (String, Int64?, Int64?) async throws -> [Frame] = { email, watch, typingIn in
                try await Self.listen(site, as: browsers[email]!, query: "after=\(start)" + (watch.map { "&watch=\($0)" } ?? ""), typingIn: typingIn)
                { frames in
                    if frames.count == 1 { Task { _ = await ready.add(frames[0]) } }
                    return Self.ended(frames)
                }
            }
            try await withThrowingTaskGroup(of: (String, [Frame]).self) { group in
                group.addTask { ("member", try await client("member@example.jp", nil, nil)) }
                group.addTask { ("coord", try await client("coord@example.jp", nil, c.lobby.id)) }
                group.addTask { ("admin", try await client("admin@example.jp", c.lobby.id, nil)) }
                group.addTask { ("guest", try await client("guest@example.jp", c.lobby.id, nil)) }
                group.addTask { ("other", try await client("other@example.jp", c.room.id, nil)) }
                for _ in 0..<3_000 where await ready.frames.count < 5 { try await Task.sleep(for: .milliseconds(20)) }
                try #require(await ready.frames.count == 5, "every client connected")

                // Five messages in the public channel, one in the private room, then a
                // direct message to everyone that ends the listening.
                let member = browsers["member@example.jp"]!
                try await member.get("/exchange/channels/\(c.lobby.id)")
                for n in 1...5 { _ = try await member.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "公開 \(n)")]) }
                _ = try await member.post("/exchange/channels/\(c.room.id)/messages", [("body", "非公開の話")])
                let everyone =
                    [c.coordinator.id, c.admin.id, c.guest.id].map { ("member", String($0)) }
                    + [("member", String(try await c.env.persistence.read { try await $0.members.all() }.first { $0.name == "田中 一郎" }!.id))]
                let direct = try await member.post("/exchange/direct", everyone)
                _ = try await member.post(direct.location! + "/messages", [("body", "おわり")])

                var results: [String: [Frame]] = [:]
                for try await (who, frames) in group { results[who] = frames }
                func bodies(_ who: String) -> [String] {
                    results[who]!.filter { $0.type == "event" && !$0.html.contains("おわり") }.map(\.html)
                }
                let lobby = (1...5).map { "公開 \($0)" }
                #expect(bodies("member") == lobby + ["非公開の話"])
                #expect(bodies("coord") == lobby)
                #expect(bodies("admin") == lobby, "a member watching a public channel hears it without a seat")
                #expect(bodies("guest").isEmpty, "a guest may not watch a public channel")
                #expect(bodies("other").isEmpty, "nobody watches a private channel they are not in")
                for frames in results.values {
                    let ids = frames.filter { $0.type == "event" }.map(\.id)
                    #expect(ids == ids.sorted() && Set(ids).count == ids.count)
                }
                #expect(results["member"]!.contains { $0.type == "typing" && $0.channel == c.lobby.id && $0.name == "西村 健" })
                #expect(!results["guest"]!.contains { $0.type == "typing" })
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aClientThatComesBackGetsWhatItMissedOnce(_ database: TestDatabase) async throws {
        try await TestSite.run(database, live: true) { site in
            let c = site.community
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await member.get("/exchange/channels/\(c.lobby.id)")
            let start = try await Self.latestEvent(site)
            for n in 1...3 { _ = try await member.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "その\(n)")]) }

            // The coordinator connects late: the three come first, then "ready".
            let first = try await Self.listen(site, as: coordinator, query: "after=\(start)") { $0.contains { $0.type == "ready" } }
            #expect(first.map(\.type) == ["event", "event", "event", "ready"])
            #expect(first.prefix(3).map(\.html) == ["その1", "その2", "その3"])
            let seen = first.prefix(3).last!.id

            // Away: two more messages, an edit of the first and a reaction.
            _ = try await member.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "その4")])
            _ = try await member.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "その5")])
            let firstMessage = try await c.env.persistence.read { try await $0.messages.timeline(channelID: c.lobby.id, before: nil, limit: 5) }.last!
            _ = try await member.post("/exchange/messages/\(firstMessage.id)/edit", [("body", "その1（直しました）")])

            let again = try await Self.listen(site, as: coordinator, query: "after=\(seen)") { $0.contains { $0.type == "ready" } }
            let events = again.filter { $0.type == "event" }
            #expect(events.map(\.kind) == ["posted", "posted", "edited"])
            #expect(events.map(\.html) == ["その4", "その5", "その1（直しました）"])
            #expect(events.allSatisfy { $0.id > seen })
            #expect(again.last?.type == "ready")
        }
    }

    /// Listens until the server closes the socket, doing `action` once the connection is
    /// ready; a socket that stays open fails the test (`Timeout`).
    static func untilClosed(_ site: TestSite, headers: HTTPFields, after action: () async throws -> Void) async throws -> [Frame] {
        let (readiness, ready) = AsyncStream<Void>.makeStream()
        let listening = Task {
            defer { ready.finish() }
            return try await listen(site, headers: headers, query: "") { frames in
                if frames.last?.type == "ready" { ready.yield() }
                return false
            }
        }
        for await _ in readiness { break }
        try await action()
        return try await listening.value
    }

    @Test(arguments: TestDatabase.available)
    func aRevokedTokenASignedOutSessionOrADeactivatedPersonLosesTheSocket(_ database: TestDatabase) async throws {
        try await TestSite.run(database, live: true) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let api = APIClient(client: site.client, token: try await APIClient.token(for: member))
            let tokenID = try #require((try await api.call(.get, "/api/v1/tokens").object["items"] as? [[String: Any]])?.first?["id"] as? Int)

            // The same person's page listens with their session meanwhile.
            let (pageReadiness, pageReady) = AsyncStream<Void>.makeStream()
            let page = Task {
                defer { pageReady.finish() }
                return try await Self.listen(site, as: member, query: "") { frames in
                    if frames.last?.type == "ready" { pageReady.yield() }
                    return Self.ended(frames)
                }
            }
            for await _ in pageReadiness { break }

            // A program listening with its token: revoking the token closes its socket.
            let program = try await Self.untilClosed(site, headers: [.authorization: "Bearer \(try #require(api.token))"]) {
                let revoked = try await api.call(.delete, "/api/v1/tokens/\(tokenID)")
                #expect(revoked.status == .noContent)
            }
            #expect(program.map(\.type) == ["ready"])
            // The page's socket, on another credential, stays open and gets what follows.
            try await member.get("/exchange/channels/\(site.community.lobby.id)")
            _ = try await member.post("/exchange/channels/\(site.community.lobby.id)/messages", [("body", "おわり")])
            #expect(Self.ended(try await page.value))

            // A page listening with its session: signing out closes it.
            let cookie = { (browser: Browser) in browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            _ = try await Self.untilClosed(site, headers: [.cookie: cookie(member)]) {
                _ = try await member.post("/signout")
            }

            // Someone deactivated by an administrator loses theirs at once.
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            _ = try await Self.untilClosed(site, headers: [.cookie: cookie(coordinator)]) {
                try await admin.get("/manage/people")
                _ = try await admin.post("/manage/people/\(site.community.coordinator.id)/deactivate")
            }
        }
    }

    /// Each reader's frame is made for them: a guest gets no links to people's pages they
    /// cannot open; everyone gets whom the message mentions (for their own counts) and who
    /// reacted.
    @Test(arguments: TestDatabase.available)
    func framesAreMadeForTheirReader(_ database: TestDatabase) async throws {
        try await TestSite.run(database, live: true) { site in
            let c = site.community
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/invite", [("member", "\(c.guest.id)")])
            let (guest, member) = (site.browser(), site.browser())
            try await guest.signIn("guest@example.jp")
            try await member.signIn("member@example.jp")
            let after = try await Self.latestEvent(site)
            let (readiness, ready) = AsyncStream<Void>.makeStream()
            let listeners = [guest, member].map { browser in
                Task {
                    try await Self.listen(site, as: browser, query: "after=\(after)") { frames in
                        if frames.last?.type == "ready" { ready.yield() }
                        return Self.ended(frames)
                    }
                }
            }
            var readyCount = 0
            for await _ in readiness {
                readyCount += 1
                if readyCount == 2 { break }
            }
            try await coordinator.post("/exchange/channels/\(c.lobby.id)/messages", [("body", "@松本さん @陳さん おわり")])
            let (guestFrames, memberFrames) = (try await listeners[0].value, try await listeners[1].value)
            let guestHTML = try #require(guestFrames.first { Self.ended([$0]) }?.html)
            let memberHTML = try #require(memberFrames.first { Self.ended([$0]) }?.html)
            #expect(!guestHTML.contains("/members/") && guestHTML.contains(#"<span class="mention">@松本 恭平</span>"#))
            #expect(memberHTML.contains(#"href="/members/\#(c.member.id)""#))
        }
    }

    @Test(arguments: TestDatabase.available)
    func noSessionNoSocket(_ database: TestDatabase) async throws {
        try await TestSite.run(database, live: true) { site in
            let visitor = site.browser()
            await #expect(throws: (any Error).self) {
                _ = try await Self.listen(site, as: visitor, query: "after=0") { _ in true }
            }
        }
    }
}
