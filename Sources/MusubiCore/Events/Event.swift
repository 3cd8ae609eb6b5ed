import Foundation

/// The kinds of meeting a network holds.
public enum EventKind: String, Sendable, CaseIterable, Codable {
    /// 展示発表会: organisations show their work at booths.
    case exhibition
    /// 技術交流会.
    case technologyExchange = "technology_exchange"
    /// セミナー.
    case seminar
    case workshop
    /// 商談会.
    case businessMeeting = "business_meeting"
    /// ラウンドテーブル: leaders meet on a theme.
    case roundtable
}

/// Who may see an event and register for it.
public enum EventVisibility: String, Sendable, CaseIterable, Codable {
    /// Anyone, also visitors without an account (and the public calendar).
    case `public`
    /// Members (not guests).
    case members
    /// Only the people invited (and coordinators).
    case invited
}

/// Where an event takes place: a venue, an online link (shown only to those registered), or both.
public struct EventPlace: Sendable, Equatable, Codable {
    public var venueName: String
    public var address: String
    public var prefectureCode: String
    public var municipality: String
    public var onlineURL: String

    public init(venueName: String = "", address: String = "", prefectureCode: String = "", municipality: String = "", onlineURL: String = "") {
        (self.venueName, self.address, self.prefectureCode, self.municipality, self.onlineURL) =
            (venueName, address, prefectureCode, municipality, onlineURL)
    }
}

/// What a coordinator writes when creating or changing an event.
public struct EventDraft: Sendable, Equatable, Codable {
    public var kind: EventKind
    public var title: String
    public var description: String
    /// In the installation's time zone; an all-day event runs from the start of its first
    /// day to the end of its last.
    public var startsAt: Date
    public var endsAt: Date
    public var allDay: Bool
    public var place: EventPlace
    public var visibility: EventVisibility
    /// Nil: no limit.
    public var capacity: Int?
    /// How many people one organisation may register (with a place or waiting); nil: any.
    public var perOrganizationLimit: Int?
    /// When registration opens and closes; nil: from publication, until the start.
    public var registrationOpensAt: Date?
    public var registrationClosesAt: Date?
    /// People without an account may register by mail (public events only).
    public var visitorsWelcome: Bool
    /// The organisations that hold it (主催) and those that hold it with them (共催).
    public var hostIDs: [Int64]
    public var coHostIDs: [Int64]
    public var fieldIDs: [Int64]

    public init(
        kind: EventKind, title: String, description: String = "", startsAt: Date, endsAt: Date, allDay: Bool = false, place: EventPlace = .init(),
        visibility: EventVisibility = .members, capacity: Int? = nil, registrationOpensAt: Date? = nil, registrationClosesAt: Date? = nil,
        visitorsWelcome: Bool = false, hostIDs: [Int64] = [], coHostIDs: [Int64] = [], fieldIDs: [Int64] = [],
        perOrganizationLimit: Int? = nil
    ) {
        self.perOrganizationLimit = perOrganizationLimit
        (self.hostIDs, self.coHostIDs, self.fieldIDs) = (hostIDs, coHostIDs, fieldIDs)
        (self.kind, self.title, self.description, self.startsAt, self.endsAt, self.allDay) = (kind, title, description, startsAt, endsAt, allDay)
        (self.place, self.visibility, self.capacity) = (place, visibility, capacity)
        (self.registrationOpensAt, self.registrationClosesAt, self.visitorsWelcome) = (registrationOpensAt, registrationClosesAt, visitorsWelcome)
    }
}

/// Which events a list shows.
public struct EventFilter: Sendable, Equatable {
    public var kind: EventKind?
    /// A field: events of it or of a field below it.
    public var field: Int64?
    public var prefectureCode: String?
    /// What the reader may see listed (set by `Events.list` from the policy).
    public var visibilities: [EventVisibility]

    public init(
        kind: EventKind? = nil, field: Int64? = nil, prefectureCode: String? = nil, visibilities: [EventVisibility] = EventVisibility.allCases
    ) {
        (self.kind, self.field, self.prefectureCode, self.visibilities) = (kind, field, prefectureCode, visibilities)
    }
}

/// An event as stored.
public struct Event: Sendable, Equatable, Identifiable, Codable {
    public var id: Int64
    public var draft: EventDraft
    public var createdBy: Int64?
    public var createdAt: Date
    /// When it was called off; it stays listed, marked cancelled.
    public var cancelledAt: Date?
    /// Raised each time the event changes, for calendar programs (`SEQUENCE`).
    public var sequence: Int

    public init(id: Int64, draft: EventDraft, createdBy: Int64?, createdAt: Date, cancelledAt: Date? = nil, sequence: Int = 0) {
        (self.id, self.draft, self.createdBy, self.createdAt, self.cancelledAt) = (id, draft, createdBy, createdAt, cancelledAt)
        self.sequence = sequence
    }

    /// Whether people may register at this moment.
    public func takesRegistrations(at now: Date) -> Bool {
        cancelledAt == nil && now >= (draft.registrationOpensAt ?? createdAt) && now < (draft.registrationClosesAt ?? draft.startsAt)
    }
}

/// Where a person stands with an event.
public enum RegistrationStatus: String, Sendable, CaseIterable, Codable {
    /// Has a place.
    case registered
    /// Waits for one, in the order they asked.
    case waitlisted
    case cancelled
}

/// Who registered: a member, or a visitor without an account.
public enum Registrant: Sendable, Equatable, Hashable {
    case member(Int64)
    case visitor(Int64)

    public var memberID: Int64? {
        if case .member(let id) = self { id } else { nil }
    }
}

/// A person's registration for an event.
public struct Registration: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var eventID: Int64
    public var registrant: Registrant
    public var status: RegistrationStatus
    public var registeredAt: Date
    public var checkedInAt: Date?
    /// What the ticket's QR code carries to the door: unguessable, one per registration.
    public var ticket: String

    public init(
        id: Int64, eventID: Int64, registrant: Registrant, status: RegistrationStatus, registeredAt: Date, checkedInAt: Date? = nil, ticket: String
    ) {
        (self.id, self.eventID, self.registrant, self.status, self.registeredAt, self.checkedInAt) =
            (id, eventID, registrant, status, registeredAt, checkedInAt)
        self.ticket = ticket
    }

    /// A new ticket: 16 letters and digits that cannot be mistaken for one another (80 bits).
    public static func newTicket() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ0123456789".prefix(32))
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(generator.next() % 32)] })
    }
}

/// How many have a place, and how many wait.
public struct RegistrationCounts: Sendable, Equatable {
    public var registered: Int
    public var waitlisted: Int
    public var checkedIn: Int

    public init(registered: Int = 0, waitlisted: Int = 0, checkedIn: Int = 0) {
        (self.registered, self.waitlisted, self.checkedIn) = (registered, waitlisted, checkedIn)
    }
}

/// How the person asking stands to an event, for the policy.
public struct EventAccess: Sendable, Equatable, Hashable {
    public var visibility: EventVisibility
    /// Invited to it, or registered for it.
    public var invited: Bool

    public init(visibility: EventVisibility, invited: Bool) {
        (self.visibility, self.invited) = (visibility, invited)
    }
}

/// Someone without an account who asked for a place at a public event: their place is made
/// when they confirm through the link mailed to them.
public struct Visitor: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var eventID: Int64
    public var name: String
    public var organization: String
    public var email: String
    public var createdAt: Date
    public var confirmedAt: Date?

    public init(id: Int64, eventID: Int64, name: String, organization: String, email: String, createdAt: Date, confirmedAt: Date? = nil) {
        (self.id, self.eventID, self.name, self.organization, self.email, self.createdAt, self.confirmedAt) =
            (id, eventID, name, organization, email, createdAt, confirmedAt)
    }
}
