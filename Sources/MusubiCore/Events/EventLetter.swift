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
        /// A visitor is asked to confirm their address (and so their place).
        case confirmVisit = "confirm_visit"
    }

    public var reason: Reason
    public var event: Event
    /// With a place: the ticket; waiting, or called off: nil.
    public var ticket: String?

    /// A visitor's key to their registration (to confirm, see the ticket, give up the place):
    /// kept until the mail is sent, like an invitation's secret.
    public var visitorKey: String?

    public init(reason: Reason, event: Event, ticket: String?, visitorKey: String? = nil) {
        (self.reason, self.event, self.ticket, self.visitorKey) = (reason, event, ticket, visitorKey)
    }

    /// The outbox's kind for these mails.
    public static let outboxKind = "event"
}
