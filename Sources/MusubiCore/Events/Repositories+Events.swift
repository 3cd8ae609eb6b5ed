import Foundation

public protocol EventRepository: Sendable {
    func insert(_ draft: EventDraft, by: Int64?, at: Date) async throws -> Event
    func find(id: Int64) async throws -> Event?
    /// The event as now drafted, its sequence raised.
    func update(id: Int64, with draft: EventDraft) async throws
    /// Called off: it stays, marked cancelled, its sequence raised.
    func callOff(id: Int64, at: Date) async throws
    /// Events starting from `from` (upcoming, soonest first) or before it (past, latest first),
    /// of any of `fieldIDs` (the filter's field and those below it; empty: any).
    func list(upcoming: Bool, from: Date, filter: EventFilter, fieldIDs: [Int64], page: PageRequest) async throws -> Page<Event>
    func invite(eventID: Int64, memberIDs: [Int64], at: Date) async throws
    func isInvited(eventID: Int64, memberID: Int64) async throws -> Bool

    /// Holds the event for the rest of the transaction, so that two registrations never both
    /// take its last place (PostgreSQL locks its row; SQLite has one writer at a time).
    func lockForRegistration(eventID: Int64) async throws
    func registration(eventID: Int64, memberID: Int64) async throws -> Registration?
    func counts(eventID: Int64) async throws -> RegistrationCounts
    func insertRegistration(eventID: Int64, registrant: Registrant, status: RegistrationStatus, ticket: String, at: Date) async throws
        -> Registration
    func setStatus(registrationID: Int64, to status: RegistrationStatus, at: Date) async throws
    /// A cancelled registration made again: it takes its turn from now.
    func renew(registrationID: Int64, as status: RegistrationStatus, at: Date) async throws
    /// The first on the waitlist, in the order they asked (`registeredAt`).
    func firstWaiting(eventID: Int64) async throws -> Registration?
    /// Everyone who asked, in the order they asked.
    func registrations(eventID: Int64) async throws -> [Registration]
    func registration(ticket: String) async throws -> Registration?
    /// How many registered or waiting come from the organisation: a member's by the
    /// directory, a visitor's by the name they gave.
    func registrations(eventID: Int64, fromOrganization organizationID: Int64) async throws -> Int
    func registrations(eventID: Int64, fromOrganizationNamed name: String) async throws -> Int

    /// Those with a place or waiting for one, with who they are, by the reading of their names.
    func attendees(eventID: Int64) async throws -> [Attendee]
    func attendee(registrationID: Int64) async throws -> Attendee?
    /// A visitor's asking, or asking again (a new key, the name and organisation as now given;
    /// whether they had confirmed stays as it was). Keyed by the address, as typed.
    func saveVisitor(eventID: Int64, name: String, organization: String, email: String, keyDigest: String, at: Date) async throws -> Visitor
    func visitor(keyDigest: String) async throws -> Visitor?
    func confirmVisitor(id: Int64, at: Date) async throws
    /// A new key for the visitor: the old link stops working.
    func rekeyVisitor(id: Int64, keyDigest: String) async throws
    func registration(visitorID: Int64) async throws -> Registration?

    /// A member's private calendar feed: its key's digest, one per member.
    func saveFeed(memberID: Int64, keyDigest: String, at: Date) async throws
    func removeFeed(memberID: Int64) async throws
    func hasFeed(memberID: Int64) async throws -> Bool
    func feedOwner(keyDigest: String) async throws -> Int64?
    /// Events ending from `since` on that the member registered for or waits for, and the
    /// listed ones of any of `fieldIDs` (of the visibilities given), soonest first.
    func calendar(memberID: Int64, fieldIDs: [Int64], visibilities: [EventVisibility], since: Date, limit: Int) async throws -> [Event]

    /// A meeting's record and when it was last written; nil before it is written.
    func minutes(eventID: Int64) async throws -> (record: MeetingRecord, updatedAt: Date)?
    func saveMinutes(eventID: Int64, _ record: MeetingRecord, by: Int64?, at: Date) async throws
    /// The meeting's action items, in the order they were added, with their owners' names.
    func actions(eventID: Int64) async throws -> [ActionItem]
    func insertAction(eventID: Int64, text: String, ownerID: Int64?, due: Date?, at: Date) async throws -> ActionItem
    func setActionDone(id: Int64, at: Date?) async throws

    /// Marks the person arrived (or, with nil, not yet); arriving gives a waiting person a place.
    func checkIn(registrationID: Int64, at: Date?) async throws
}
