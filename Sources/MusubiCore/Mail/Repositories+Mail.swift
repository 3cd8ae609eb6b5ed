import Foundation

/// A mail in the outbox: queued until it is sent, tried again after a failure that may pass,
/// given up on after one that will not (or after too many tries).
public struct OutboxMail: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case queued, sent, failed
    }

    public var id: Int64
    /// What it is about (`mention`, `introduction`, `digest`, …): what a person may turn off.
    public var kind: String
    public var letter: Letter
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    /// The server's last answer when sending failed.
    public var lastError: String
    public var createdAt: Date
    public var sentAt: Date?

    public init(
        id: Int64, kind: String, letter: Letter, status: Status, attempts: Int, nextAttemptAt: Date, lastError: String, createdAt: Date,
        sentAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.letter = letter
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

/// The outbox. A use case enqueues inside the same transaction as the change the mail tells
/// of, so that a mail goes out exactly when the change was kept.
public protocol MailOutboxRepository: Sendable {
    @discardableResult
    func enqueue(_ letter: Letter, kind: String, at: Date) async throws -> Int64
    /// Queued mails whose time to try has come, oldest first.
    func due(at: Date, limit: Int) async throws -> [OutboxMail]
    func find(id: Int64) async throws -> OutboxMail?
    /// The outbox as the admin reads it, newest first; only mails of `status` when given.
    func list(status: OutboxMail.Status?, page: PageRequest) async throws -> Page<OutboxMail>
    /// How many mails are in each state.
    func counts() async throws -> [OutboxMail.Status: Int]
    /// Notes that a mail was opened, once.
    func recordOpen(messageKey: String, kind: String, at: Date) async throws
    /// When each counted mail of the kinds was first opened, in the span.
    func opens(in span: DateInterval) async throws -> [(kind: String, at: Date)]
    /// A mail given up on, queued again to be tried at `at`; false when it was not failed.
    func retry(id: Int64, at: Date) async throws -> Bool
    /// Marks the mail sent, keeping `letter` in place of what was queued (its secrets gone).
    func markSent(id: Int64, attempts: Int, at: Date, keeping letter: Letter) async throws
    func markRetry(id: Int64, attempts: Int, next: Date, error: String) async throws
    func markFailed(id: Int64, attempts: Int, error: String) async throws
}

/// Hands a mail to whatever delivers it: an SMTP server, or files for an operator to read.
public protocol MailTransport: Sendable {
    func send(_ mail: MailMessage) async throws
}

/// Why a transport could not send.
public enum MailTransportError: Error, Equatable {
    /// It may pass (a 4xx answer, a server that cannot be reached): try again later.
    case temporary(String)
    /// It will not pass (a 5xx answer, an address the server refuses): give up and show it.
    case permanent(String)
}
