import Foundation
import HTTPTypes
import MusubiCore
import MusubiTestSupport
import Testing

/// Every text field of every form, with markup and SQL, with far too much text, and with a
/// control character: a 4xx with a message or a stored, escaped value; never a 5xx.
@Suite struct EveryTextFieldTests {
    struct Form: Sendable, CustomTestStringConvertible {
        var name: String
        /// Who fills it in (nil: a visitor).
        var signedInAs: String?
        /// The page that holds the form (its CSRF token is used).
        var page: @Sendable (Community) -> String
        var action: @Sendable (Community) -> String
        /// Values that make the form valid; each text field in turn gets the bad value.
        var valid: [(String, String)]
        /// Valid values that depend on the seeded community (ids).
        var validFor: @Sendable (Community) -> [(String, String)] = { _ in [] }
        var textFields: [String]
        /// Fields checked as a format (e-mail, URL, password, a list of short keywords)
        /// rather than free text: markup may be refused there rather than stored.
        var formatFields: Set<String> = []
        var testDescription: String { name }
    }

    static let forms: [Form] = [
        Form(
            name: "profile", signedInAs: "member@example.jp", page: { _ in "/me/edit" }, action: { _ in "/me/edit" },
            valid: [("name", "松本 恭平"), ("nameKana", "まつもと"), ("title", "准教授"), ("keywords", "泡"), ("offer", "分析"), ("seeking", "共同研究")],
            textFields: ["name", "nameKana", "title", "keywords", "offer", "seeking"], formatFields: ["keywords"]),
        Form(
            name: "new organisation", signedInAs: "coord@example.jp", page: { _ in "/organizations/new" }, action: { _ in "/organizations" },
            valid: [
                ("name", "新しい組織"), ("nameKana", "あたらしい"), ("sector", "industry"), ("prefectureCode", "31"), ("municipality", "米子市"),
                ("website", "https://example.jp"), ("summary", "概要"),
            ],
            textFields: ["name", "nameKana", "municipality", "website", "summary"], formatFields: ["website"]),
        Form(
            name: "edit organisation", signedInAs: "coord@example.jp",
            page: { "/organizations/\($0.organizations[.industry]!.id)/edit" }, action: { "/organizations/\($0.organizations[.industry]!.id)" },
            valid: [("name", "山陰マリン株式会社"), ("sector", "industry"), ("prefectureCode", "31"), ("municipality", "境港市"), ("summary", "概要")],
            textFields: ["name", "nameKana", "municipality", "website", "summary"], formatFields: ["website"]),
        Form(
            name: "new group", signedInAs: "coord@example.jp", page: { _ in "/groups/new" }, action: { _ in "/groups" },
            valid: [("kind", "studyGroup"), ("name", "水素研究会"), ("description", "説明")], textFields: ["name", "description"]),
        Form(
            name: "edit group", signedInAs: "coord@example.jp", page: { "/groups/\($0.group.id)/edit" }, action: { "/groups/\($0.group.id)" },
            valid: [("kind", "studyGroup"), ("name", "ファインバブル研究会"), ("description", "説明")], textFields: ["name", "description"]),
        Form(
            name: "apply", signedInAs: nil, page: { _ in "/apply" }, action: { _ in "/apply" },
            valid: [
                ("email", "newcomer@example.jp"), ("password", "a good long password"), ("name", "新井 花"), ("nameKana", "あらい"),
                ("title", "主任"), ("message", "よろしく"),
            ],
            textFields: ["email", "password", "name", "nameKana", "title", "message"], formatFields: ["email", "password"]),
        Form(
            name: "invite", signedInAs: "coord@example.jp", page: { _ in "/manage/invitations" }, action: { _ in "/manage/invitations" },
            valid: [("email", "invitee@example.jp"), ("role", "member")], textFields: ["email"], formatFields: ["email"]),
        Form(
            name: "password", signedInAs: "member@example.jp", page: { _ in "/me/account" }, action: { _ in "/me/password" },
            valid: [("currentPassword", Community.password), ("newPassword", "another good password")],
            textFields: ["currentPassword", "newPassword"], formatFields: ["currentPassword", "newPassword"]),
        Form(
            name: "token", signedInAs: "member@example.jp", page: { _ in "/me/account" }, action: { _ in "/me/tokens" },
            valid: [("name", "CLI")], textFields: ["name"]),
        Form(
            name: "new listing", signedInAs: "member@example.jp", page: { _ in "/listings/new" }, action: { _ in "/listings" },
            valid: [
                ("kind", "need"), ("stage", "research"), ("disclosure", "members"), ("title", "網の汚れ"), ("summary", "カキ養殖の網"),
                ("details", "詳細"), ("keywords", "洗浄"),
            ],
            textFields: ["title", "summary", "details", "keywords", "expiresOn"], formatFields: ["keywords", "expiresOn"]),
        Form(
            name: "introduction request", signedInAs: "member@example.jp", page: { "/introductions/new?member=\($0.coordinator.id)" },
            action: { _ in "/introductions" }, valid: [("message", "相談したいです")], validFor: { [("member", String($0.coordinator.id))] },
            textFields: ["message"]),
        Form(
            name: "suggestion pin", signedInAs: "coord@example.jp", page: { _ in "/suggestions?scope=community" },
            action: { _ in "/suggestions/pins" }, valid: [("kind", "person"), ("note", "ぜひ")],
            validFor: { [("member", String($0.member.id)), ("subject", String($0.guest.id))] }, textFields: ["note"]),
        Form(
            name: "new channel", signedInAs: "member@example.jp", page: { _ in "/exchange/new" }, action: { _ in "/exchange/channels" },
            valid: [("name", "新しい部屋"), ("kind", "public"), ("purpose", "general"), ("topic", "話題"), ("description", "説明")],
            textFields: ["name", "topic", "description"]),
        Form(
            name: "message", signedInAs: "member@example.jp", page: { "/exchange/channels/\($0.lobby.id)" },
            action: { "/exchange/channels/\($0.lobby.id)/messages" }, valid: [("body", "こんにちは")], textFields: ["body"]),
        Form(
            name: "channel topic", signedInAs: "member@example.jp", page: { "/exchange/channels/\($0.lobby.id)" },
            action: { "/exchange/channels/\($0.lobby.id)/about" }, valid: [("topic", "話題"), ("description", "説明")],
            textFields: ["topic", "description"]),
        Form(
            name: "sign in", signedInAs: nil, page: { _ in "/signin" }, action: { _ in "/signin" },
            valid: [("email", "member@example.jp"), ("password", Community.password)],
            textFields: ["email", "password"], formatFields: ["email", "password"]),
    ]

    static let markup = "<script>alert('x')</script>\"'; DROP TABLE members; --"

    @Test(arguments: TestDatabase.available, forms)
    func everyTextField(_ database: TestDatabase, _ form: Form) async throws {
        for field in form.textFields {
            for (label, value) in [("markup", Self.markup), ("too long", String(repeating: "長", count: 20_000)), ("control", "制御\u{0007}文字")] {
                try await TestSite.run(database) { site in
                    let browser = site.browser()
                    if let email = form.signedInAs { try await browser.signIn(email) }
                    try await browser.get(form.page(site.community))
                    let fields = form.valid.filter { $0.0 != field } + form.validFor(site.community) + [(field, value)]
                    let answer = try await browser.post(form.action(site.community), fields)
                    let code = Int(answer.status.code)
                    #expect((200..<500).contains(code), "\(form.name).\(field) with \(label): \(answer)")
                    #expect(!answer.contains("<script>alert"), "\(form.name).\(field) with \(label)")
                    if label == "markup" && !form.formatFields.contains(field) {
                        #expect([200, 201, 303].contains(code), "\(form.name).\(field) with markup is stored as text: \(answer)")
                        if let location = answer.location, location.hasPrefix("/") {
                            let shown = try await browser.get(location)
                            #expect(!shown.contains("<script>alert"), "\(form.name).\(field) shown at \(location)")
                        }
                    } else if label != "markup" {
                        // Far too long, or a control character: refused with a message, unless
                        // the field is one that is only compared (a password on sign-in).
                        if !(form.name == "sign in" || field == "currentPassword") {
                            #expect(code == 422 || code == 413, "\(form.name).\(field) with \(label): \(answer)")
                            #expect(
                                answer.contains("class=\"error\"") || answer.contains("role=\"alert\""),
                                "\(form.name).\(field) with \(label) has a message")
                        }
                    }
                }
            }
        }
    }
}
