import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiWeb

/// Links that come by mail: an invitation Musubi sends (and sends again, or takes back), a
/// forgotten password reset by the person alone, and a link that can no longer be used
/// saying why.
@Suite struct InvitationMailTests {
    /// The outbox's letters, newest last, rendered as the site renders them.
    static func mails(_ site: TestSite) async throws -> [MailMessage] {
        let letters = try MailLetters(configuration: WebConfiguration(installationName: "テスト結び", installationNameEn: "Test Musubi"))
        let queued = try await site.environment.persistence.read { try await $0.mailOutbox.list(status: nil, page: .init()) }
        return queued.items.reversed().map { letters.mail($0.letter) }
    }

    /// The path of the one-time link a mail carries.
    static func link(in mail: MailMessage) throws -> String {
        try #require(
            mail.text.firstMatch(of: /http:\/\/127\.0\.0\.1:8080(\/invitations\/[A-Za-z0-9_\-]+)/).map { String($0.1) }, "\(mail.text)")
    }

    @Test(arguments: TestDatabase.available)
    func anInvitationIsMailedCanBeSentAgainOrTakenBackAndAUsedLinkSaysSo(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let coordinator = site.browser()
            try await coordinator.signIn("coord@example.jp")
            let invited = try await coordinator.post("/manage/invitations", [("email", "partner@example.jp"), ("role", "member")])
            #expect(invited.status == .created && invited.body.contains("partner@example.jp"))
            let first = try #require(try await Self.mails(site).last)
            #expect(first.to.map(\.address) == ["partner@example.jp"] && first.unsubscribe == nil)
            #expect(first.subject == "[テスト結び] 西村 健さんから テスト結び への招待が届いています(役割: 会員)")
            let firstLink = try Self.link(in: first)
            #expect(invited.body.contains(firstLink), "the page shows the link that was mailed")
            #expect(
                (try await coordinator.get("/manage/invitations")).body.contains(#"<tr data-testid="open-invitation"><td>partner@example.jp</td>"#))

            // Sent again: a new link; the old one no longer opens.
            let open = try await site.environment.persistence.read {
                try await $0.accounts.openInvitations(at: site.environment.now(), page: .init())
            }
            let id = try #require(open.items.first?.id)
            #expect(try await coordinator.post("/manage/invitations/\(id)/resend").status == .ok)
            let secondLink = try Self.link(in: try #require(try await Self.mails(site).last))
            #expect(secondLink != firstLink)
            #expect(try await site.browser().get(firstLink).status == .notFound)

            // Used: the link says so, with the way to a new one.
            let guest = site.browser()
            #expect(try await guest.get(secondLink).status == .ok)
            #expect(try await guest.post(secondLink, [("name", "協力 太郎"), ("password", "a long enough password")]).status == .seeOther)
            let used = try await site.browser().get(secondLink)
            #expect(used.status == .gone && used.body.contains("このリンクはすでに使われています。") && used.body.contains("/password-reset"))

            // Taken back before use.
            try await coordinator.post("/manage/invitations", [("email", "late@example.jp"), ("role", "member")])
            let lateLink = try Self.link(in: try #require(try await Self.mails(site).last))
            let lateID = try #require(
                try await site.environment.persistence.read { try await $0.accounts.openInvitations(at: site.environment.now(), page: .init()) }.items
                    .first?.id)
            #expect(try await coordinator.post("/manage/invitations/\(lateID)/revoke").status == .seeOther)
            let revoked = try await site.browser().get(lateLink)
            #expect(revoked.status == .gone && revoked.body.contains("このリンクは取り消されました。"))
            #expect(try await coordinator.post("/manage/invitations/\(lateID)/revoke").status == .conflict)
            let member = site.browser()
            try await member.signIn("member@example.jp")
            #expect(try await member.post("/manage/invitations/\(lateID)/resend").status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aForgottenPasswordIsResetByMailWithTheSameAnswerForAnyAddress(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let visitor = site.browser()
            #expect((try await visitor.get("/signin")).body.contains(#"href="/password-reset""#))
            let asked = try await visitor.post("/password-reset", [("email", "Member@Example.jp")])
            let unknown = try await visitor.post("/password-reset", [("email", "nobody@example.jp")])
            #expect(asked.status == .ok && unknown.status == .ok)
            #expect(asked.body.contains(#"data-testid="reset-sent""#) && unknown.body.contains(#"data-testid="reset-sent""#))
            let mails = try await Self.mails(site)
            #expect(mails.map(\.to.first?.address) == ["member@example.jp"])
            let mail = try #require(mails.first)
            #expect(mail.subject == "[テスト結び] パスワード再設定のリンクです" && mail.text.contains("まで有効です"))

            // The link sets a new password and signs in; the old password no longer works.
            let link = try Self.link(in: mail)
            #expect(try await visitor.get(link).status == .ok)
            #expect(try await visitor.post(link, [("password", "a brand new password")]).status == .seeOther)
            #expect(try await site.browser().signIn("member@example.jp", password: "a brand new password").status == .seeOther)
            #expect(try await site.browser().signIn("member@example.jp").status == .unauthorized)
            #expect(try await site.browser().get(link).status == .gone)

            let another = site.browser()
            try await another.get("/password-reset")
            #expect(try await another.post("/password-reset", [("email", "not an address")]).status == .unprocessableContent)
            for _ in 0..<4 { try await another.post("/password-reset", [("email", "member@example.jp")]) }
            #expect(try await another.post("/password-reset", [("email", "member@example.jp")]).status == .tooManyRequests)
        }
    }
}
