import Foundation

/// One member's week, as the digest mail and its web version tell it: new bulletins for their
/// fields, funding calls that fit them and close within three weeks, Mix suggestions, and
/// what waits unread (mentions, direct messages, what they chose to get weekly). Kept whole
/// in the outbox, so the mail says what was true when it was composed.
public struct WeeklyDigest: Sendable, Equatable, Codable {
    /// A bulletin or funding call, as the digest lists it.
    public struct Entry: Sendable, Equatable, Codable {
        public var bulletinID: Int64
        public var kind: BulletinKind
        public var title: String
        public var excerpt: String
        /// A funding call's deadline and funder.
        public var deadline: Date?
        public var funder: String
        /// The reader saved the call (its reminders come too).
        public var saved: Bool
    }

    /// A Mix suggestion: a listing or a person from another field, and the concepts that
    /// bridge it to the reader.
    public struct Suggested: Sendable, Equatable, Codable {
        public var subject: MatchSubject
        /// A listing's title or a person's name.
        public var title: String
        /// A seed or a need; nil for a person.
        public var listingKind: ListingKind?
        /// A person's organisation, when they belong to one.
        public var organization: String
        public var concepts: [MatchIndex.ConceptLabel]
    }

    /// An unread notification.
    public struct Waiting: Sendable, Equatable, Codable {
        public var notice: Notice
        public var actorName: String
        public var at: Date
    }

    /// The week it covers: after `since`, up to and with `until`.
    public var since: Date
    public var until: Date
    public var bulletins: [Entry]
    public var fundingCalls: [Entry]
    public var suggestions: [Suggested]
    public var waiting: [Waiting]
    /// How many unread notifications there are in all (`waiting` shows the newest few).
    public var waitingCount: Int

    public var isEmpty: Bool { bulletins.isEmpty && fundingCalls.isEmpty && suggestions.isEmpty && waiting.isEmpty }

    /// The most of each list a digest shows.
    public static let listLimit = 10
    /// Funding calls closing within this many days are in the digest.
    public static let closingWithinDays = 21
    /// The week the digest looks back over.
    public static let period: TimeInterval = 7 * 86_400
}
