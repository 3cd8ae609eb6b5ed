import Foundation

/// A mail about a person's place at an event: what the event is (as it stood when the mail
/// was written) and, with a place, the ticket whose QR code is shown at the door.
public struct EventLetter: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// They registered and have a place.
        case registered
        /// They registered and wait for a place.
        case waitlisted
        /// A place was freed and they had the first turn.
        case promoted
        /// Its time or place changed (the calendar file's sequence is raised).
        case changed
        /// It was called off.
        case cancelled
    }

    public var reason: Reason
    public var event: Event
    /// With a place: the ticket; waiting, or called off: nil.
    public var ticket: String?

    public init(reason: Reason, event: Event, ticket: String?) {
        (self.reason, self.event, self.ticket) = (reason, event, ticket)
    }

    /// The outbox's kind for these mails.
    public static let outboxKind = "event"
}
