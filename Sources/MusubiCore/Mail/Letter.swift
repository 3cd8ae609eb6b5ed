import Foundation

/// A mail as the outbox keeps it: what it says, not yet how it looks. It is written in the
/// transaction of the change it tells of, and rendered into a `MailMessage` in the reader's
/// language by a `LetterWriter` when it is sent (or shown to the admin), so that the
/// installation's name, address and templates are the ones of the day it goes out.
public struct Letter: Sendable, Equatable, Codable {
    public enum Content: Sendable, Equatable, Codable {
        /// A notification sent at once.
        case notice(Notice, actorName: String)
        /// An invitation to join, with its one-time link.
        case invitation(inviterName: String, role: Role, secret: String, expiresAt: Date)
        /// A one-time link to set a password and sign in: asked for by the person
        /// (`selfService`, a forgotten password) or issued by a coordinator.
        case signInLink(secret: String, expiresAt: Date, selfService: Bool)
        /// A member's week.
        case digest(WeeklyDigest)
        /// Their place at an event, with the ticket.
        case event(EventLetter)
    }

    public var to: MailAddress
    /// What the letter says. A link's secret is kept here until the mail is sent: the
    /// outbox is as private as the invitations table, whose digests it stands beside.
    public var content: Content
    /// The token of the one-click link that stops this kind of mail for this person; nil for
    /// a mail that cannot be turned off (a password reset).
    public var unsubscribeToken: String?
    /// The Message-ID's part before the `@` (the writer adds the installation's host): made
    /// when the letter is written, so that a mail sent twice after a crash is recognised as one
    /// by mail programs.
    public var messageKey: String
    public var date: Date

    public init(to: MailAddress, content: Content, unsubscribeToken: String?, messageKey: String, date: Date) {
        self.to = to
        self.content = content
        self.unsubscribeToken = unsubscribeToken
        self.messageKey = messageKey
        self.date = date
    }
}

/// Renders a letter into the mail that is sent: its subject, text and HTML from one template.
public protocol LetterWriter: Sendable {
    func mail(_ letter: Letter) -> MailMessage
}
