import Foundation
import HTTPTypes
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

@Suite struct AccountFlowTests {
    @Test(arguments: TestDatabase.available)
    func anApplicantWaitsForApprovalThenSignsIn(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let visitor = site.browser()
            try await visitor.get("/apply")
            let applied = try await visitor.post(
                "/apply",
                [
                    ("email", "Sakura@Example.jp"), ("password", "a long enough password"), ("name", "春野 さくら"),
                    ("organizationID", String(site.community.organizations[.finance]!.id)), ("message", "養殖の資金調達に関心があります"),
                ])
            #expect(applied.status == .ok)
            #expect(applied.contains("data-testid=\"apply-done\""))

            let tooEarly = try await visitor.post("/signin", [("email", "sakura@example.jp"), ("password", "a long enough password")])
            #expect(tooEarly.status == .unauthorized)
            #expect(tooEarly.contains("承認されていません"))

            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let queue = try await coordinator.get("/manage/people")
            #expect(queue.contains("春野 さくら"))
            // What the coordinator decides on: the address and what they wrote; how many wait,
            // in the tab and in the header of every page.
            #expect(queue.contains("sakura@example.jp") && queue.contains("養殖の資金調達に関心があります"))
            let waiting = try #require(queue.body.firstMatch(of: /data-testid="waiting-applications"[^>]*>[^<]*?(\d+)</).map { Int($0.1) })
            #expect(waiting == 2, "the seeded applicant and this one")
            #expect(queue.contains("(2)"))
            #expect(!(try await visitor.get("/")).contains("waiting-applications"), "not for others")
            let id = try #require(Self.id(after: "/manage/people/", before: "/approve", in: queue.body, near: "春野"))
            #expect(try await coordinator.post("/manage/people/\(id)/approve").status == .seeOther)

            let signedIn = try await visitor.post("/signin", [("email", "sakura@example.jp"), ("password", "a long enough password")])
            #expect(signedIn.status == .seeOther)
            #expect(try await visitor.get("/members").status == .ok)

            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            let audit = try await admin.get("/manage/audit?action=application.approved")
            #expect(audit.contains("春野 さくら"))
            // It reads like a log: who did it, by name, and whom it was done to, both linked;
            // the filter offers people by name.
            let coordinatorID = site.community.coordinator.id
            #expect(audit.contains(#"<a href="/members/\#(coordinatorID)">西村 健</a>"#))
            #expect(audit.contains(#"<a href="/members/\#(id)">会員 春野 さくら</a>"#))
            #expect(audit.contains(#"<option value="\#(coordinatorID)">西村 健</option>"#))
            let theirs = try await admin.get("/manage/audit?actor=\(coordinatorID)")
            #expect(theirs.contains("春野 さくら") && theirs.contains(#"<option value="\#(coordinatorID)" selected>西村 健</option>"#))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anApplicantWhoseOrganisationIsNotListedTypesItForTheCoordinator(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let visitor = site.browser()
            try await visitor.get("/apply")
            let fields: [(String, String)] = [
                ("email", "koji@example.jp"), ("password", "a long enough password"), ("name", "麹谷 誠"),
                ("organizationName", "株式会社こうじ屋 <本店>"),
            ]
            #expect(try await visitor.post("/apply", fields).status == .ok)
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let queue = try await coordinator.get("/manage/people")
            #expect(queue.contains(#"data-testid="applied-organization""#) && queue.contains("株式会社こうじ屋 &lt;本店&gt;"))
            // Chosen from the list and typed as well: which one is meant is asked.
            let another = site.browser()
            try await another.get("/apply")
            let both = try await another.post(
                "/apply",
                [
                    ("email", "both@example.jp"), ("password", "a long enough password"), ("name", "両方 選子"),
                    ("organizationID", String(site.community.organizations[.finance]!.id)), ("organizationName", "別の会社"),
                ])
            #expect(both.status == .unprocessableContent && both.contains("組織名の入力は不要です"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anInvitationLinkWorksOnceAndGrantsItsRole(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.get("/manage/invitations")
            let created = try await coordinator.post("/manage/invitations", [("email", "partner@example.jp"), ("role", "guest")])
            #expect(created.status == .created)
            let link = try #require(Self.text(after: "data-testid=\"invitation-link\">", in: created.body))
            let path = try #require(URL(string: link)?.path)

            let coordinatorCannotMakeAdmins = try await coordinator.post("/manage/invitations", [("email", "boss@example.jp"), ("role", "admin")])
            #expect(coordinatorCannotMakeAdmins.status == .forbidden)

            let invitee = site.browser()
            #expect(try await invitee.get(path).contains("partner@example.jp"))
            let short = try await invitee.post(path, [("name", "Lin"), ("password", "short")])
            #expect(short.status == .unprocessableContent)
            #expect(short.contains("10文字以上"))
            let accepted = try await invitee.post(path, [("name", "Lin Wei"), ("password", "another good password")])
            #expect(accepted.status == .seeOther)
            #expect(accepted.location?.hasPrefix("/me/edit") == true)
            #expect(try await invitee.get("/me/account").status == .ok)
            // A guest sees no directory of people.
            #expect(try await invitee.get("/members").status == .notFound)

            let again = site.browser()
            #expect(try await again.get(path).status == .gone, "a used link says so")
        }
    }

    /// People who came in by import have no password: a coordinator gives them a one-time
    /// link, and the same link resets a forgotten password, ending the other sessions.
    @Test(arguments: TestDatabase.available)
    func aSignInLinkLetsAnExistingPersonSetAPassword(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let imported = try await site.community.env.persistence.write { repos in
                try await repos.members.insert(
                    NewMember(
                        email: "imported@example.jp", passwordHash: "", role: .member, status: .active, organizationID: nil,
                        draft: ProfileDraft(name: "取込 花子", nameKana: "とりこみ はなこ", profile: Profile(), fieldIDs: [])
                    ), at: Date())
            }
            let newcomer = site.browser()
            try await newcomer.get("/signin")
            #expect(try await newcomer.post("/signin", [("email", "imported@example.jp"), ("password", "")]).status == .unauthorized)

            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let people = try await coordinator.get("/manage/people?status=active")
            #expect(people.contains("/manage/people/\(imported.id)/sign-in-link"))
            #expect(!people.contains("/manage/people/\(site.community.admin.id)/sign-in-link"))
            let issued = try await coordinator.post("/manage/people/\(imported.id)/sign-in-link")
            #expect(issued.status == .created)
            #expect(issued.contains("imported@example.jp"))
            let link = try #require(Self.text(after: "data-testid=\"sign-in-link\">", in: issued.body))
            let path = try #require(URL(string: link)?.path)

            let form = try await newcomer.get(path)
            #expect(form.contains("imported@example.jp"))
            #expect(!form.contains("name=\"name\""))
            #expect(try await newcomer.post(path, [("password", "short")]).status == .unprocessableContent)
            let accepted = try await newcomer.post(path, [("password", "a long new password")])
            #expect(accepted.status == .seeOther)
            #expect(try await newcomer.get("/members").status == .ok)
            #expect(try await site.browser().get(path).status == .gone, "a used link says so")
            let profile = try await newcomer.get("/members/\(imported.id)")
            #expect(profile.contains("取込 花子"))

            // The same link resets a forgotten password and ends the sessions elsewhere.
            let laptop = site.browser()
            try await laptop.signIn("member@example.jp")
            let reset = try await coordinator.post("/manage/people/\(site.community.member.id)/sign-in-link")
            let resetPath = try #require(Self.text(after: "data-testid=\"sign-in-link\">", in: reset.body).flatMap { URL(string: $0)?.path })
            let phone = site.browser()
            try await phone.get(resetPath)
            #expect(try await phone.post(resetPath, [("password", "remembered at last")]).status == .seeOther)
            #expect(try await laptop.get("/members").status == .seeOther)
            let old = site.browser()
            try await old.get("/signin")
            #expect(try await old.post("/signin", [("email", "member@example.jp"), ("password", Community.password)]).status == .unauthorized)
            #expect(try await old.post("/signin", [("email", "member@example.jp"), ("password", "remembered at last")]).status == .seeOther)

            // Who may issue one, and for whom.
            #expect(try await coordinator.post("/manage/people/\(site.community.admin.id)/sign-in-link").status == .forbidden)
            #expect(try await coordinator.post("/manage/people/\(site.community.applicant.id)/sign-in-link").status == .conflict)
            #expect(try await coordinator.post("/manage/people/999999/sign-in-link").status == .notFound)
            #expect(try await newcomer.post("/manage/people/\(site.community.guest.id)/sign-in-link").status == .forbidden)
            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            let audit = try await admin.get("/manage/audit?action=member.sign_in_link_created")
            #expect(audit.contains("取込 花子"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func deactivationEndsEverySessionAtOnce(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let laptop = site.browser()
            let phone = site.browser()
            try await laptop.signIn("member@example.jp")
            try await phone.signIn("member@example.jp")
            #expect(try await laptop.get("/members").status == .ok)

            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.get("/manage/people?status=active")
            #expect(try await coordinator.post("/manage/people/\(site.community.member.id)/deactivate").status == .seeOther)

            for device in [laptop, phone] {
                let page = try await device.get("/members")
                #expect(page.status == .seeOther)
                #expect(page.location?.hasPrefix("/signin") == true)
            }
            let again = try await site.browser().post("/signin", [("email", "member@example.jp"), ("password", Community.password)], csrf: false)
            #expect(again.status == .forbidden) // no CSRF token: refused before anything else
            let browser = site.browser()
            try await browser.get("/signin")
            #expect(try await browser.post("/signin", [("email", "member@example.jp"), ("password", Community.password)]).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available)
    func deactivationRevokesAPITokensForGood(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let tokens = [try await APIClient.token(for: member, name: "ci"), try await APIClient.token(for: member, name: "cron")]
            for token in tokens { #expect(try await APIClient(client: site.client, token: token).call(.get, "/api/v1/me").status == .ok) }

            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            try await coordinator.get("/manage/people?status=active")
            #expect(try await coordinator.post("/manage/people/\(site.community.member.id)/deactivate").status == .seeOther)
            for token in tokens {
                #expect(try await APIClient(client: site.client, token: token).call(.get, "/api/v1/me").status == .unauthorized)
            }
            try await coordinator.get("/manage/people?status=deactivated")
            #expect(try await coordinator.post("/manage/people/\(site.community.member.id)/reactivate").status == .seeOther)
            for token in tokens {
                let answer = try await APIClient(client: site.client, token: token).call(.get, "/api/v1/me")
                #expect(answer.status == .unauthorized && answer.errorCode == "error.unauthenticated", "reactivating does not bring tokens back")
            }
            let tokenRows = try await site.environment.persistence.read { try await $0.accounts.tokens(of: site.community.member.id) }
            #expect(tokenRows.count == 2 && tokenRows.allSatisfy { $0.revokedAt != nil })

            let admin = site.browser()
            try await admin.signIn("admin@example.jp")
            let audit = try await admin.get("/manage/audit?action=member.api_tokens_revoked")
            let rows = audit.body.components(separatedBy: "data-testid=\"audit-row\"").dropFirst()
            #expect(rows.count == 1 && rows.first?.contains("<td>2</td>") == true, "one entry, for two tokens")
        }
    }

    @Test(arguments: TestDatabase.available)
    func signInIsRateLimitedPerAccount(_ database: TestDatabase) async throws {
        try await TestSite.run(database, throttle: SignInThrottle(limits: .init(perAccount: 3, perAddress: 50, window: 600))) { site in
            let browser = site.browser()
            try await browser.get("/signin")
            for _ in 0..<3 {
                #expect(try await browser.post("/signin", [("email", "admin@example.jp"), ("password", "wrong password!")]).status == .unauthorized)
            }
            let blocked = try await browser.post("/signin", [("email", "admin@example.jp"), ("password", Community.password)])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] != nil)
            #expect(try await browser.get("/members").status == .seeOther)
        }
    }

    /// Behind a trusted proxy the limit per address counts each forwarded client apart; a
    /// forwarded address from a peer that is not a trusted proxy is ignored. (In-process
    /// tests have no peer address; the context calls it "local".)
    @Test(arguments: TestDatabase.available)
    func signInIsRateLimitedPerClientBehindATrustedProxy(_ database: TestDatabase) async throws {
        let throttle = { SignInThrottle(limits: .init(perAccount: 50, perAddress: 2, window: 600)) }
        @Sendable func attempts(_ site: TestSite, from client: String) async throws -> [Int] {
            let browser = site.browser()
            try await browser.get("/signin")
            var codes: [Int] = []
            for index in 0..<3 {
                let page = try await browser.post(
                    "/signin", [("email", "nobody\(index)@example.jp"), ("password", "wrong password!")],
                    headers: [ClientAddress.forwardedForHeader: client])
                codes.append(Int(page.status.code))
            }
            return codes
        }
        try await TestSite.run(database, throttle: throttle(), trustedProxies: ["local"]) { site in
            let codes1 = try await attempts(site, from: "203.0.113.7")
            #expect(codes1 == [401, 401, 429])
            let codes2 = try await attempts(site, from: "203.0.113.8")
            #expect(codes2 == [401, 401, 429])
        }
        try await TestSite.run(database, throttle: throttle()) { site in
            let codes3 = try await attempts(site, from: "203.0.113.7")
            #expect(codes3 == [401, 401, 429])
            let codes4 = try await attempts(site, from: "203.0.113.8")
            #expect(codes4 == [429, 429, 429])
        }
    }

    @Test(arguments: TestDatabase.available)
    func changingThePasswordEndsOtherSessions(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let laptop = site.browser()
            let phone = site.browser()
            try await laptop.signIn("member@example.jp")
            try await phone.signIn("member@example.jp")
            try await laptop.get("/me/account")
            let wrong = try await laptop.post("/me/password", [("currentPassword", "not it at all"), ("newPassword", "a brand new password")])
            #expect(wrong.status == .unprocessableContent)
            let changed = try await laptop.post("/me/password", [("currentPassword", Community.password), ("newPassword", "a brand new password")])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/members").status == .ok)
            #expect(try await phone.get("/members").status == .seeOther)
            #expect(try await site.browser().signIn("member@example.jp", password: "a brand new password").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func signingOutForgetsTheSession(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.signIn("member@example.jp")
            let session = try #require(browser.cookies["musubi_session"])
            #expect(try await browser.post("/signout").status == .seeOther)
            #expect(browser.cookies["musubi_session"] == nil)
            let replay = try await browser.get("/members", headers: [.cookie: "musubi_session=\(session)"])
            #expect(replay.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func cookiesAreHttpOnlyAndSameSite(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let browser = site.browser()
            try await browser.get("/signin")
            let page = try await browser.post("/signin", [("email", "member@example.jp"), ("password", Community.password)])
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("musubi_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(page.location == "/")
            // next= only ever leads to this site
            try await browser.post("/signout")
            try await browser.get("/signin")
            let offsite = try await browser.post(
                "/signin", [("email", "member@example.jp"), ("password", Community.password), ("next", "//evil.example/")])
            #expect(offsite.location == "/")
        }
    }

    static func text(after marker: String, in html: String) -> String? {
        guard let start = html.range(of: marker) else { return nil }
        let rest = html[start.upperBound...]
        return rest.firstIndex(of: "<").map { String(rest[..<$0]) }
    }

    /// The number between two markers in the part of the page that follows `near`.
    static func id(after prefix: String, before suffix: String, in html: String, near: String) -> String? {
        guard let anchor = html.range(of: near) else { return nil }
        let rest = html[anchor.upperBound...]
        guard let start = rest.range(of: prefix) else { return nil }
        let tail = rest[start.upperBound...]
        guard let end = tail.range(of: suffix) else { return nil }
        return String(tail[..<end.lowerBound])
    }
}
