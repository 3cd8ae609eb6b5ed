import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// Notifications through the core on a real database: who is told of what (and who is not),
/// the letter that goes to the outbox for those who want mail, each person's choices, the
/// one-click unsubscribe, and the bell's count.
@Suite struct NotificationTests {
    /// Whom the outbox writes to of notices, with what, oldest first.
    static func letters(_ env: CoreEnvironment) async throws -> [(to: String, step: Notice.Step, token: String?)] {
        try await env.persistence.read { try await $0.mailOutbox.due(at: Date.distantFuture, limit: 100) }.compactMap { mail in
            guard case .notice(let notice, _) = mail.letter.content else { return nil }
            return (mail.letter.to.address, notice.step, mail.letter.unsubscribeToken)
        }
    }

    static func steps(_ env: CoreEnvironment, of member: Member) async throws -> [Notice.Step] {
        try await Notifications(env).list(.member(id: member.id, role: member.role)).items.map(\.notice.step)
    }

    @Test(arguments: TestDatabase.available)
    func aMentionADirectMessageAndAThreadReplyReachThePeopleTheyConcern(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let outsider = try await c.addMember("outsider@example.jp", "外山 聡", sector: .finance)

            // In the lobby (coordinator and member seated): the member is mentioned by name;
            // the outsider, not seated, is named but stays text and hears nothing.
            let root = try await exchange.post(c.actor(c.coordinator), channelID: c.lobby.id, body: "@松本 恭平 さん、@外山 聡 さん、水素の件です")
            #expect(try await Self.steps(c.env, of: c.member) == [.mentioned])
            #expect(try await Self.steps(c.env, of: outsider).isEmpty)
            #expect(try await Self.steps(c.env, of: c.coordinator).isEmpty, "nobody is told of what they did")
            let mention = try #require(try await Notifications(c.env).list(c.actor(c.member)).items.first)
            #expect(mention.actorName == "西村 健" && mention.notice.subject == "#雑談")
            #expect(mention.notice.excerpt.hasPrefix("@松本 恭平 さん") && mention.notice.target == .message(channelID: c.lobby.id, messageID: root.id))

            // A reply in the thread tells the root's author (on the bell only, by default).
            try await exchange.post(c.actor(c.member), channelID: c.lobby.id, body: "承知しました", threadRootID: root.id)
            #expect(try await Self.steps(c.env, of: c.coordinator) == [.threadReply])

            // A direct message tells the other person.
            let direct = try await exchange.openDirect(c.actor(c.member), with: [outsider.id])
            try await exchange.post(c.actor(c.member), channelID: direct.id, body: "個別にご相談です")
            #expect(try await Self.steps(c.env, of: outsider) == [.directMessage])

            // Mentions and direct messages come by mail at once; thread replies do not.
            let letters = try await Self.letters(c.env)
            #expect(letters.map(\.to) == ["member@example.jp", "outsider@example.jp"])
            #expect(letters.map(\.step) == [.mentioned, .directMessage])
            #expect(letters.allSatisfy { $0.token != nil })
        }
    }

    @Test(arguments: TestDatabase.available)
    func eachPersonChoosesHowAKindReachesThemAndTheMailsLinkStopsItWithoutSigningIn(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let notifications = Notifications(c.env)
            let me = c.actor(c.member)
            #expect(try await notifications.preferences(me).first { $0.kind == .mention }?.delivery == .mail)

            try await notifications.setPreferences(me, [.mention: .off])
            try await exchange.post(c.actor(c.coordinator), channelID: c.lobby.id, body: "@松本 恭平 一つ目")
            #expect(try await Self.steps(c.env, of: c.member).isEmpty)

            try await notifications.setPreferences(me, [.mention: .inApp])
            try await exchange.post(c.actor(c.coordinator), channelID: c.lobby.id, body: "@松本 恭平 二つ目")
            #expect(try await Self.steps(c.env, of: c.member) == [.mentioned])
            #expect(try await Self.letters(c.env).isEmpty)

            try await notifications.setPreferences(me, [.mention: .mail])
            try await exchange.post(c.actor(c.coordinator), channelID: c.lobby.id, body: "@松本 恭平 三つ目")
            let token = try #require(try await Self.letters(c.env).first?.token)

            // A token for someone else, or for another kind, made by hand, is refused.
            let forged = token.replacingOccurrences(of: "\(c.member.id).", with: "\(c.coordinator.id).")
            await #expect(throws: MusubiError.notFound) { try await notifications.unsubscribe(forged) }
            await #expect(throws: MusubiError.notFound) {
                try await notifications.unsubscribe(token.replacingOccurrences(of: ".mention.", with: ".direct_message."))
            }
            #expect(try notifications.unsubscribeLink(token) == .kind(.mention))
            #expect(try await notifications.unsubscribe(token) == .kind(.mention))
            #expect(try await notifications.preferences(me).first { $0.kind == .mention }?.delivery == .inApp)
            // Other kinds keep their way.
            #expect(try await notifications.preferences(me).first { $0.kind == .directMessage }?.delivery == .mail)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theBellCountsWhatIsUnreadAndOnlyItsOwnerMarksItRead(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let exchange = Exchange(c.env)
            let notifications = Notifications(c.env)
            for text in ["一", "二", "三"] { try await exchange.post(c.actor(c.coordinator), channelID: c.lobby.id, body: "@松本 恭平 \(text)") }
            #expect(try await notifications.unreadCount(c.actor(c.member)) == 3)
            #expect(try await notifications.unreadCount(.anonymous) == nil)
            let newest = try #require(try await notifications.list(c.actor(c.member)).items.first)
            #expect(newest.notice.excerpt.hasSuffix("三"))

            // Someone else's id changes nothing.
            #expect(try await notifications.markRead(c.actor(c.coordinator), ids: [newest.id]) == 0)
            #expect(try await notifications.markRead(c.actor(c.member), ids: [newest.id]) == 1)
            #expect(try await notifications.unreadCount(c.actor(c.member)) == 2)
            #expect(try await notifications.list(c.actor(c.member), unreadOnly: true).items.count == 2)
            #expect(try await notifications.markRead(c.actor(c.member)) == 2)
            #expect(try await notifications.unreadCount(c.actor(c.member)) == 0)
            await #expect(throws: MusubiError.unauthenticated) { try await notifications.list(.anonymous) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func introductionsAndApplicationsTellEachSideAtEachStep(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let maker = try await c.addMember("maker@example.jp", "山本 工業", sector: .industry)
            let introductions = Introductions(c.env)

            let asked = try await introductions.request(.member(id: maker.id, role: .member), to: .member(c.member.id), message: "ご相談したいです")
            #expect(try await Self.steps(c.env, of: c.coordinator) == [.introductionToReview])
            #expect(try await Self.steps(c.env, of: c.admin) == [.introductionToReview])
            #expect(try await Self.steps(c.env, of: c.member).isEmpty, "not passed on yet")

            try await introductions.review(c.actor(c.coordinator), id: asked.id, approve: true, note: "")
            #expect(try await Self.steps(c.env, of: maker) == [.introductionApproved])
            #expect(try await Self.steps(c.env, of: c.member) == [.introductionRequested])
            try await introductions.answer(c.actor(c.member), id: asked.id, accept: true)
            #expect(try await Self.steps(c.env, of: maker) == [.introductionAccepted, .introductionApproved])
            #expect(try await Self.steps(c.env, of: c.coordinator) == [.introductionAccepted, .introductionToReview])

            // An applicant hears the decision by mail, declined or approved.
            let people = PeopleAdministration(c.env)
            try await people.reject(c.actor(c.coordinator), memberID: c.applicant.id)
            let applicant = try await Accounts(c.env, throttle: SignInThrottle()).apply(
                Accounts.Application(
                    email: "new@example.jp", password: Community.password, name: "新 入会", nameKana: "", organizationID: nil, title: "", message: ""))
            #expect(try await Self.steps(c.env, of: c.coordinator).first == .applicationWaiting)
            try await people.approve(c.actor(c.coordinator), memberID: applicant.id)
            let letters = try await Self.letters(c.env).filter { $0.step.kind == .application }
            #expect(letters.map(\.to) == ["applicant@example.jp", "admin@example.jp", "coord@example.jp", "new@example.jp"])
            #expect(letters.map(\.step) == [.applicationDeclined, .applicationWaiting, .applicationWaiting, .applicationApproved])
        }
    }
}
