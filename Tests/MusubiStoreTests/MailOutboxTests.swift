import Foundation
import MusubiStore
import MusubiTestSupport
import Synchronization
import Testing

@testable import MusubiCore

/// The mail outbox: a mail is queued with the change it tells of or not at all, sent once,
/// tried again later after a failure that may pass and given up on after one that will not,
/// and still there after the process stops.
@Suite struct MailOutboxTests {
    /// A transport that answers each mail as told, by subject, and counts what it was given.
    final class ScriptedTransport: MailTransport {
        let answers: [String: MailTransportError]
        let given = Mutex<[String]>([])

        init(_ answers: [String: MailTransportError] = [:]) { self.answers = answers }

        func send(_ mail: MailMessage) async throws {
            given.withLock { $0.append(mail.subject) }
            if let answer = answers[mail.subject] { throw answer }
        }
    }

    /// A letter about `subject`; `SubjectWriter` makes it a mail with that subject.
    static func letter(_ subject: String, at date: Date) -> Letter {
        Letter(
            to: MailAddress(name: "松本 恭平", address: "member@example.jp"),
            content: .notice(Notice(step: .mentioned, actorID: nil, subject: subject, target: .home), actorName: ""), unsubscribeToken: nil,
            messageKey: "\(subject.hashValue)", date: date)
    }

    /// Writes a letter as a mail whose subject is the notice's (the web layer's templates
    /// are tested with the pages).
    struct SubjectWriter: LetterWriter {
        func mail(_ letter: Letter) -> MailMessage {
            let subject = if case .notice(let notice, _) = letter.content { notice.subject } else { "" }
            return MailMessage(
                from: MailAddress(name: "テスト結び", address: "noreply@example.jp"), to: [letter.to], subject: subject, text: "本文",
                messageID: letter.messageKey + "@example.jp", date: letter.date)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aMailIsQueuedOnlyWithTheChangeItTellsOf(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await persistence.write { repos in
                    try await repos.mailOutbox.enqueue(Self.letter("取り消された変更", at: now), kind: "test", at: now)
                    throw Refused()
                }
            }
            #expect(try await persistence.read { try await $0.mailOutbox.due(at: now, limit: 10) }.isEmpty)
            try await persistence.write { try await $0.mailOutbox.enqueue(Self.letter("残る変更", at: now), kind: "test", at: now) }
            #expect(
                try await persistence.read { try await $0.mailOutbox.due(at: now, limit: 10) }.map { SubjectWriter().mail($0.letter).subject } == [
                    "残る変更"
                ])
        }
    }

    @Test(arguments: TestDatabase.available)
    func mailIsSentOnceAndAFailureIsTriedAgainLaterThenGivenUp(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock()
            let env = CoreEnvironment.testing(persistence, clock: clock)
            let transport = ScriptedTransport(["混み合い": .temporary("421 try later"), "宛先なし": .permanent("550 no such user")])
            let outbox = MailOutbox(env, transport: transport, writer: SubjectWriter())
            var queued: [String: Int64] = [:]
            for subject in ["届く", "混み合い", "宛先なし"] {
                queued[subject] = try await persistence.write {
                    try await $0.mailOutbox.enqueue(Self.letter(subject, at: clock.now), kind: "test", at: clock.now)
                }
            }
            let ids = queued
            func stored(_ subject: String) async throws -> OutboxMail {
                let id = try #require(ids[subject])
                return try #require(try await persistence.read { try await $0.mailOutbox.find(id: id) })
            }

            #expect(try await outbox.sendDue() == MailOutbox.Round(sent: 1, retried: 1, failed: 1))
            let (delivered, refused) = (try await stored("届く"), try await stored("宛先なし"))
            #expect(delivered.status == .sent && delivered.sentAt == clock.now)
            #expect(refused.status == .failed && refused.lastError == "550 no such user")
            let busy = try await stored("混み合い")
            #expect(busy.status == .queued && busy.attempts == 1 && busy.lastError == "421 try later")
            #expect(busy.nextAttemptAt == clock.now.addingTimeInterval(60))

            // Nothing is due again before its time; what was sent is never sent again.
            #expect(try await outbox.sendDue() == MailOutbox.Round())
            for wait in [61.0, 301, 1_801, 7_201, 43_201] {
                clock.advance(by: wait)
                _ = try await outbox.sendDue()
            }
            let givenUp = try await stored("混み合い")
            #expect(givenUp.status == .failed && givenUp.attempts == MailOutbox.backoff.count + 1)
            #expect(transport.given.withLock { $0.filter { $0 == "届く" }.count } == 1)
            #expect(transport.given.withLock { $0.filter { $0 == "混み合い" }.count } == MailOutbox.backoff.count + 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aOneTimeLinksSecretIsNotKeptOnceTheMailIsSent(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let env = CoreEnvironment.testing(persistence)
            let now = env.now()
            let id = try await persistence.write { repos in
                try await repos.mailOutbox.enqueue(
                    Letter(
                        to: MailAddress(address: "member@example.jp"), content: .signInLink(secret: "s3cr3t", expiresAt: now, selfService: true),
                        unsubscribeToken: nil, messageKey: "k", date: now), kind: "sign_in_link", at: now)
            }
            #expect(try await MailOutbox(env, transport: ScriptedTransport(), writer: SubjectWriter()).sendDue().sent == 1)
            let sent = try #require(try await persistence.read { try await $0.mailOutbox.find(id: id) })
            #expect(sent.status == .sent && sent.letter.content == .signInLink(secret: "", expiresAt: now, selfService: true))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAdminSeesTheOutboxAndSendsAGivenUpMailAgain(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let now = c.env.now()
            let outbox = MailOutbox(c.env, transport: ScriptedTransport(["宛先なし": .permanent("550 no such user")]), writer: SubjectWriter())
            for subject in ["届く", "宛先なし"] {
                try await persistence.write { try await $0.mailOutbox.enqueue(Self.letter(subject, at: now), kind: "mention", at: now) }
            }
            _ = try await outbox.sendDue()

            let admin = MailOutboxAdmin(c.env)
            let (failed, counts) = try await admin.list(c.actor(c.admin), status: .failed, page: .init())
            #expect(counts == [.sent: 1, .failed: 1])
            let refused = try #require(failed.items.first)
            #expect(failed.total == 1 && refused.lastError == "550 no such user")
            await #expect(throws: MusubiError.notFound) { try await admin.list(c.actor(c.coordinator), status: nil, page: .init()) }
            await #expect(throws: MusubiError.forbidden) { try await admin.retry(c.actor(c.coordinator), id: refused.id) }

            try await admin.retry(c.actor(c.admin), id: refused.id)
            #expect(try await persistence.read { try await $0.mailOutbox.find(id: refused.id) }?.status == .queued)
            await #expect(throws: MusubiError.conflict("error.mail_not_failed")) { try await admin.retry(c.actor(c.admin), id: refused.id) }
            await #expect(throws: MusubiError.notFound) { try await admin.retry(c.actor(c.admin), id: 999_999) }
            let audit = try await PeopleAdministration(c.env).auditLog(c.actor(c.admin), AuditQuery(action: .mailRetried))
            #expect(audit.entries.items.map(\.subjectID) == [refused.id])
        }
    }

    /// Queued, then the process stops before sending: the next start sends it, as a file a
    /// mail program reads when no SMTP server is configured.
    @Test func queuedMailOutlivesARestartAndArrivesAsAFile() async throws {
        let folder = TestFolders.new("outbox")
        let path = folder.appendingPathComponent("musubi.sqlite").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let before = try await SQLPersistence.open(.sqliteFile(path: path), logger: TestDatabase.logger)
        try await before.migrate()
        try await before.write { try await $0.mailOutbox.enqueue(Self.letter("【お知らせ】再起動をまたぐ", at: now), kind: "test", at: now) }
        try await before.close()

        let after = try await SQLPersistence.open(.sqliteFile(path: path), logger: TestDatabase.logger)
        try await after.migrate()
        let mailFolder = folder.appendingPathComponent("mail")
        let round = try await MailOutbox(.testing(after), transport: EMLFileTransport(directory: mailFolder), writer: SubjectWriter()).sendDue()
        #expect(round.sent == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: mailFolder.path)
        #expect(files.count == 1 && files[0].hasSuffix(".eml"))
        let text = try String(contentsOf: mailFolder.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(text.contains("Subject: =?UTF-8?B?") && text.contains("To: =?UTF-8?B?"))
        #expect(try await after.read { try await $0.mailOutbox.due(at: now.addingTimeInterval(3_600), limit: 10) }.isEmpty)
        try await after.close()
    }
}
