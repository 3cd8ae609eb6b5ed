import Foundation

extension Repositories {
    /// Puts a letter in the outbox, in the transaction of the change it tells of. An address
    /// that could not stand in a header is skipped (it came from an import, say): there is
    /// nobody to send to.
    func post(_ content: Letter.Content, to address: MailAddress, kind: String, unsubscribeToken: String? = nil, _ env: CoreEnvironment)
        async throws
    {
        guard address.isUsable else { return }
        let now = env.now()
        let letter = Letter(to: address, content: content, unsubscribeToken: unsubscribeToken, messageKey: env.secrets.newSecret(), date: now)
        try await mailOutbox.enqueue(letter, kind: kind, at: now)
    }
}

extension Letter {
    /// The letter as the outbox keeps it once sent: a one-time link's secret is not kept
    /// beyond the mail that carried it.
    public var withoutSecrets: Letter {
        var letter = self
        switch content {
        case .notice, .digest: break
        case .event(var event):
            event.visitorKey = event.visitorKey.map { _ in "" }
            letter.content = .event(event)
        case .invitation(let inviter, let role, _, let expiresAt):
            letter.content = .invitation(inviterName: inviter, role: role, secret: "", expiresAt: expiresAt)
        case .signInLink(_, let expiresAt, let selfService): letter.content = .signInLink(secret: "", expiresAt: expiresAt, selfService: selfService)
        }
        return letter
    }
}
