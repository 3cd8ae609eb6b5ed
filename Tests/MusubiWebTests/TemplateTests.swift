import Foundation
import MusubiCore
import MusubiTestSupport
import Synchronization
import Testing

/// Every page template, rendered with the models real requests build, uses only names its
/// model (or the layout, or the catalog) has: people of every role go through the site,
/// every page it has is rendered at least once, and each rendering is checked tag by tag.
@Suite struct TemplateTests {
    /// What the pages were rendered with, by template.
    final class Renderings: @unchecked Sendable {
        private let lock = NSLock()
        private var scopes: [String: [[String: Any]]] = [:]

        func add(_ template: String, _ scope: [String: Any]) {
            lock.withLock {
                // A few of each are enough; different people see different branches.
                if scopes[template, default: []].count < 12 { scopes[template, default: []].append(scope) }
            }
        }

        var all: [String: [[String: Any]]] { lock.withLock { scopes } }
    }

    @Test func everyPageRendersWithEveryNameItUses() async throws {
        let check = try TemplateCheck()
        let renderings = Renderings()
        try await TestSite.run(.sqlite, observeRendering: { renderings.add($0, $1) }) { site in
            try await Self.tour(site)
        }
        let unrendered = check.pageNames.subtracting(renderings.all.keys)
        #expect(unrendered.isEmpty, "no request rendered \(unrendered.sorted()): add one to the tour")
        var problems = Set<String>()
        for (template, scopes) in renderings.all {
            for scope in scopes { problems.formUnion(check.problems(template: template, scope: scope)) }
        }
        #expect(problems.isEmpty, "\(problems.sorted().joined(separator: "\n"))")
    }

    /// The check finds what it is for: a name the model does not have.
    @Test func aNameTheModelDoesNotHaveIsFound() throws {
        struct Model {
            var title: String
            var items: [String]
            var note: String?
        }
        let check = try TemplateCheck()
        let scope: [String: Any] = ["page": Model(title: "x", items: ["a"], note: nil), "t": ["nav": ["home": "ホーム"]]]
        #expect(check.problems(template: "error", scope: scope).contains { $0.contains("\"status\"") })
        #expect(check.problems(template: "error", scope: scope).contains { $0.contains("\"layout\"") })
    }

    /// People of every role, and a visitor, through every page, leaving behind what makes
    /// the pages full: a listing, an introduction, messages, a pin, a concept.
    static func tour(_ site: TestSite) async throws {
        let c = site.community
        let visitor = site.browser()
        for path in ["/", "/organizations", "/organizations/\(c.organizations[.industry]!.id)", "/signin", "/apply", "/listings", "/no/such/page"] {
            try await visitor.get(path)
        }
        let (owner, seed) = try await IntroductionFlowTests.seedPage(site)
        let seedID = IntroductionFlowTests.id(of: seed)
        try await site.community.addMember("maker@example.jp", "山本 工業", sector: .industry)
        let maker = site.browser()
        try await maker.signIn("maker@example.jp")
        let asked = try await IntroductionFlowTests.ask(maker, listingID: seedID, message: "網の洗浄に使えないか相談したいです。")
        let introduction = String(asked.location?.split(separator: "?").first ?? "")
        let coordinator = site.browser()
        try await coordinator.signIn("coord@example.jp")
        try await coordinator.post(introduction + "/review", [("decision", "approve"), ("note", "よい組み合わせです。")])
        try await owner.post(introduction + "/answer", [("answer", "accept")])
        try await owner.post(introduction + "/messages", [("body", "来週お話ししましょう。")])
        let event = try await coordinator.post(
            "/events",
            [
                ("kind", "seminar"), ("title", "スタートアップセミナー"), ("startsAt", "2030-01-10T13:00"), ("endsAt", "2030-01-10T15:00"),
                ("visibility", "members"), ("capacity", "1"), ("venueName", "米子コンベンションセンター"), ("prefectureCode", "31"),
                ("onlineURL", "https://meet.example.jp/a"),
            ])
        let eventPath = String(event.location?.split(separator: "?").first ?? "/events")
        try await coordinator.post("/events", [("kind", "seminar"), ("title", ""), ("startsAt", "いつか")])
        for path in ["/events", "/events?when=past", "/events/new", eventPath] { try await coordinator.get(path) }
        try await owner.post(eventPath + "/registration")
        try await owner.get(eventPath)
        try await owner.get(eventPath + "/ticket")
        try await coordinator.post(
            eventPath + "/minutes", [("agenda", "開会"), ("minutes", "報告"), ("decisions", "採択"), ("visibility", "participants")])
        try await coordinator.post(eventPath + "/actions", [("text", "報告書を配る")])
        for path in ["/check-in", "/check-in?q=山本", "/attendance", "/minutes", "/minutes/edit", "/edit"] {
            try await coordinator.get(eventPath + path)
        }
        try await owner.get(eventPath + "/minutes")
        try await owner.get("/me/calendar")
        try await owner.post("/me/calendar")
        let open = try await coordinator.post(
            "/events",
            [
                ("kind", "seminar"), ("title", "公開セミナー"), ("startsAt", "2030-02-10T13:00"), ("endsAt", "2030-02-10T15:00"), ("visibility", "public"),
                ("visitorsWelcome", "1"),
            ])
        let openPath = String(open.location?.split(separator: "?").first ?? "/events")
        try await visitor.get(openPath)
        try await visitor.post(openPath + "/visitors", [("name", "来場 花子"), ("email", "visitor@example.com")])
        try await visitor.get(try await EventVisitorTests.visitLink(to: "visitor@example.com", site))

        let lobby = "/exchange/channels/\(c.lobby.id)"
        let posted = try await owner.post(lobby + "/messages", [("body", "*水素* の件 @channel")])
        let message = posted.location.flatMap { $0.firstMatch(of: /#m(\d+)/).map { "/exchange/messages/\($0.1)" } }
        let room = "/exchange/channels/\(c.room.id)"
        for path in [
            "/", "/members", "/members/\(c.member.id)", "/groups", "/groups/\(c.group.id)", "/listings", seed, seed + "/edit", "/listings/new",
            "/introductions", introduction, "/suggestions", "/exchange", "/exchange/browse", "/exchange/new", "/exchange/direct",
            "/exchange/mentions",
            "/exchange/search?q=計画", lobby, room, lobby + "/invite", room + "/files", "/exchange/sidebar", "/me/edit", "/me/account",
            "/notifications", "/me/notifications", "/me/digest",
        ] + (message.map { [$0, $0 + "/edit"] } ?? []) {
            try await owner.get(path)
        }
        try await maker.get("/introductions/new?listing=\(seedID)")
        try await maker.get(introduction)

        let admin = site.browser()
        try await admin.signIn("admin@example.jp")
        try await admin.post("/manage/concepts", [("key", "oyster"), ("label", "牡蠣"), ("labelEn", "Oyster"), ("terms", "カキ、牡蠣")])
        try await admin.post("/suggestions/pins", [("member", "\(c.member.id)"), ("listing", seedID), ("note", "ぜひ")])
        for path in [
            "/", "/members", "/organizations/new", "/organizations/\(c.organizations[.academia]!.id)/edit", "/groups/new",
            "/groups/\(c.group.id)/edit",
            "/manage/people", "/manage/people?status=pending", "/manage/invitations", "/manage/audit", "/manage/concepts", "/manage/funnel",
            "/manage/matching", "/manage/slack-import", "/manage/archive", "/suggestions", lobby, "/exchange/search?q=水素&in=雑談", introduction,
            "/notifications", "/manage/mail", "/bulletins/new", "/bulletins", "/funding-calls", "/manage/dashboard",
        ] {
            try await admin.get(path)
        }
        try await admin.post("/manage/matching", [("pasted", #"[{"id": "n1", "title": "微細気泡で生け簀の酸素を増やしたい", "body": ""}]"#), ("top", "3")])
        try await admin.post("/manage/people/\(c.guest.id)/sign-in-link")
        let invited = try await admin.post("/manage/invitations", [("email", "partner@example.jp"), ("role", "guest")])
        if let link = invited.body.firstMatch(of: /\/invitations\/([A-Za-z0-9_\-]+)/).map({ String($0.0) }) {
            try await site.browser().get(link)
            // Taken back, the link explains itself.
            let open = try await site.environment.persistence.read { [now = site.environment.now()] in
                try await $0.accounts.openInvitations(at: now, page: .init())
            }
            if let id = open.items.first?.id { try await admin.post("/manage/invitations/\(id)/revoke") }
            try await site.browser().get(link)
        }
        try await visitor.get("/password-reset")
        try await visitor.post("/password-reset", [("email", "member@example.jp")])
        let uploaded = try await SlackImportPageTests.upload(admin, SlackExportFile.sample())
        if let job = uploaded.location { _ = try await SlackImportPageTests.finished(admin, job) }

        // A funding call for the member's field, read and saved; the coordinator edits it.
        let call = try await admin.post(
            "/bulletins",
            [
                ("kind", "funding_call"), ("visibility", "members"), ("title", "水素の補助金"), ("body", "本文"), ("fields", "\(c.hydrogen.id)"),
                ("deadline", "2099-01-31T17:00"), ("amountMin", "100"), ("link", "https://example.jp/call"),
            ])
        if let callPath = call.location?.split(separator: "?").first.map(String.init) {
            try await owner.get(callPath)
            try await owner.post(callPath + "/save", [("saved", "1")])
            try await owner.get(callPath)
            try await owner.get("/")
            try await admin.get(callPath + "/edit")
            try await admin.post(callPath, [("kind", "funding_call"), ("visibility", "members"), ("title", ""), ("body", "本文"), ("deadline", "x")])
        }

        // A mail's unsubscribe link, opened by someone not signed in.
        let queued = try await site.environment.persistence.read { try await $0.mailOutbox.list(status: nil, page: .init()) }
        if let token = queued.items.lazy.compactMap(\.letter.unsubscribeToken).first { try await visitor.get("/unsubscribe/\(token)") }

        let guest = site.browser()
        try await guest.signIn("guest@example.jp")
        try await guest.get("/")
        try await guest.get("/exchange")
    }
}
