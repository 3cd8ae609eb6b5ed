/// What a notification is about; each person chooses, per kind, how it reaches them.
public enum NotificationKind: String, Sendable, CaseIterable, Codable {
    /// Someone wrote `@you` (or `@channel` where you sit).
    case mention
    /// A reply in a thread you started or replied in.
    case threadReply = "thread_reply"
    /// A message in a direct conversation you are in.
    case directMessage = "direct_message"
    /// A step of an introduction you take part in (or, for coordinators, one to review).
    case introduction
    /// Your application was decided; for coordinators, an application waits.
    case application
    /// A bulletin for your fields appeared.
    case bulletin
    /// A funding call appeared for your fields, or one you saved closes soon.
    case fundingCall = "funding_call"

    /// How it reaches someone who has not chosen: what needs an answer comes by mail at once.
    public var defaultDelivery: NotificationDelivery {
        switch self {
        case .mention, .directMessage, .introduction, .application, .fundingCall: .mail
        case .threadReply: .inApp
        case .bulletin: .digest
        }
    }
}

/// How one kind of notification reaches a person.
public enum NotificationDelivery: String, Sendable, CaseIterable, Codable {
    /// On the bell only.
    case inApp = "in_app"
    /// On the bell, and by mail at once.
    case mail
    /// On the bell, and gathered in the weekly digest mail.
    case digest
    /// Not at all.
    case off
}
