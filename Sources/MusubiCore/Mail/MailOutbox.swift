import Foundation

/// Sends what the outbox holds, when its time has come: a mail that was sent is marked so
/// and never sent again; one whose failure may pass is tried again later, each time later
/// than the last (`backoff`), and given up on after `backoff.count` tries; one the server
/// refuses outright is given up on at once. A process that stops between enqueueing and
/// sending loses nothing: the mail waits in the database. One that stops between sending and
/// marking sends it again at the next start (with the same Message-ID, which mail programs
/// use to show it once).
public struct MailOutbox: Sendable {
    let env: CoreEnvironment
    let transport: any MailTransport
    let writer: any LetterWriter

    /// How long to wait after each failed try, in seconds (1, 5, 30 minutes, 2 and 12 hours);
    /// after the last, the mail is given up on.
    public static let backoff: [TimeInterval] = [60, 300, 1_800, 7_200, 43_200]

    public init(_ env: CoreEnvironment, transport: any MailTransport, writer: any LetterWriter) {
        self.env = env
        self.transport = transport
        self.writer = writer
    }

    public struct Round: Sendable, Equatable {
        public var sent = 0
        public var retried = 0
        public var failed = 0
    }

    /// Sends the mails that are due, up to `limit` of them.
    public func sendDue(limit: Int = 100) async throws -> Round {
        let due = try await env.persistence.read { try await $0.mailOutbox.due(at: env.now(), limit: limit) }
        var round = Round()
        for mail in due {
            try Task.checkCancellation()
            let attempts = mail.attempts + 1
            do {
                try await transport.send(writer.mail(mail.letter))
                try await env.persistence.write {
                    try await $0.mailOutbox.markSent(id: mail.id, attempts: attempts, at: env.now(), keeping: mail.letter.withoutSecrets)
                }
                round.sent += 1
            } catch let MailTransportError.permanent(answer) {
                try await env.persistence.write { try await $0.mailOutbox.markFailed(id: mail.id, attempts: attempts, error: answer) }
                round.failed += 1
            } catch {
                let answer = if case MailTransportError.temporary(let text) = error { text } else { "\(error)" }
                if attempts > Self.backoff.count {
                    try await env.persistence.write { try await $0.mailOutbox.markFailed(id: mail.id, attempts: attempts, error: answer) }
                    round.failed += 1
                } else {
                    let next = env.now().addingTimeInterval(Self.backoff[attempts - 1])
                    try await env.persistence.write { try await $0.mailOutbox.markRetry(id: mail.id, attempts: attempts, next: next, error: answer) }
                    round.retried += 1
                }
            }
        }
        return round
    }
}
