import Foundation

/// The outbox as the admin sees it: what waits, what went, what was given up on and why, and
/// a given-up mail tried again once the cause is fixed.
public struct MailOutboxAdmin: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// The outbox for the admin: the mails of a state (all when nil), newest first, with how
    /// many there are of each.
    public func list(_ actor: Requester, status: OutboxMail.Status?, page: PageRequest) async throws
        -> (mails: Page<OutboxMail>, counts: [OutboxMail.Status: Int])
    {
        try Policy.require(actor, .read, .mailOutbox)
        return try await env.persistence.read { repos in
            (try await repos.mailOutbox.list(status: status, page: page), try await repos.mailOutbox.counts())
        }
    }

    /// Queues a mail that was given up on again, to be sent in the next round.
    public func retry(_ actor: Requester, id: Int64) async throws {
        try Policy.require(actor, .edit, .mailOutbox, hiding: false)
        try await env.persistence.write { [now = env.now()] repos in
            guard try await repos.mailOutbox.find(id: id) != nil else { throw MusubiError.notFound }
            guard try await repos.mailOutbox.retry(id: id, at: now) else { throw MusubiError.conflict("error.mail_not_failed") }
            try await repos.audit.append(actorID: actor.memberID, action: .mailRetried, subjectType: "mail", subjectID: id, detail: "", at: now)
        }
    }
}
