import Foundation

/// What happened, as a notification tells it: the kind and its step, who did it, what it is
/// about (a channel's or a listing's name, a short excerpt) and where to look.
public struct Notice: Sendable, Equatable, Codable {
    /// A step of a kind, named in the catalogs as `notification_step.<rawValue>`.
    public enum Step: String, Sendable, CaseIterable, Codable {
        case mentioned
        case threadReply = "thread_reply"
        case directMessage = "direct_message"
        case introductionRequested = "introduction_requested"
        case introductionToReview = "introduction_to_review"
        case introductionApproved = "introduction_approved"
        case introductionDeclined = "introduction_declined"
        case introductionAccepted = "introduction_accepted"
        case introductionRefused = "introduction_refused"
        case introductionOutcome = "introduction_outcome"
        case applicationWaiting = "application_waiting"
        case applicationApproved = "application_approved"
        case applicationDeclined = "application_declined"
        case bulletinPublished = "bulletin_published"
        case fundingCallPublished = "funding_call_published"
        case fundingCallClosing = "funding_call_closing"

        public var kind: NotificationKind {
            switch self {
            case .mentioned: .mention
            case .threadReply: .threadReply
            case .directMessage: .directMessage
            case .introductionRequested, .introductionToReview, .introductionApproved, .introductionDeclined, .introductionAccepted,
                .introductionRefused, .introductionOutcome:
                .introduction
            case .applicationWaiting, .applicationApproved, .applicationDeclined: .application
            case .bulletinPublished: .bulletin
            case .fundingCallPublished, .fundingCallClosing: .fundingCall
            }
        }
    }

    public var step: Step
    public var actorID: Int64?
    /// What it is about, in a few words: `#水素利活用`, a listing's title, a person's name.
    public var subject: String
    /// The first words of what was written, for the list and the mail (never more than the
    /// reader may read: only people who may see the thing are notified of it).
    public var excerpt: String
    public var target: NotificationTarget

    public var kind: NotificationKind { step.kind }

    public init(step: Step, actorID: Int64?, subject: String, excerpt: String = "", target: NotificationTarget) {
        self.step = step
        self.actorID = actorID
        self.subject = subject
        self.excerpt = Self.excerpt(of: excerpt)
        self.target = target
    }

    /// The most characters an excerpt keeps.
    public static let excerptLimit = 140

    static func excerpt(of text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > excerptLimit ? String(line.prefix(excerptLimit - 1)) + "…" : line
    }
}

/// Where a notification leads: the web layer turns it into an address.
public enum NotificationTarget: Sendable, Equatable, Codable {
    case message(channelID: Int64, messageID: Int64)
    /// A reply, in its thread.
    case reply(channelID: Int64, rootID: Int64, messageID: Int64)
    case introduction(Int64)
    case applications
    case bulletin(Int64)
    case home
}
