import Foundation

/// The door: coordinators find people by their ticket's QR code or by name or reading, mark
/// them arrived, register walk-ins on the spot, and watch the counts by sector.
extension Events {
    /// What the check-in page shows.
    public struct Door: Sendable {
        public var event: Event
        public var counts: RegistrationCounts
        public var bySector: [SectorAttendance]
        /// Those whose name, reading or organisation has the words typed (all, without words).
        public var found: [Attendee]
        /// The person a scanned ticket names.
        public var ticketHolder: Attendee?
        /// Members who answer the words but did not register: walk-ins to be.
        public var others: [MemberSummary]
    }

    public func door(_ actor: Requester, eventID: Int64, query: String = "", ticket: String? = nil) async throws -> Door {
        try await env.persistence.read { repos in
            let event = try await Self.atTheDoor(eventID, actor, repos)
            let attendees = try await repos.events.attendees(eventID: eventID)
            let query = query.trimmingCharacters(in: .whitespacesAndNewlines)
            var holder: Attendee?
            if let ticket, !ticket.isEmpty {
                guard let registration = try await repos.events.registration(ticket: ticket), registration.eventID == eventID else {
                    throw MusubiError.invalid([.init(field: "ticket", key: "error.ticket_unknown")])
                }
                holder = try await repos.events.attendee(registrationID: registration.id)
            }
            var others: [MemberSummary] = []
            if !query.isEmpty {
                let registered = Set(attendees.compactMap(\.registration.registrant.memberID))
                others = try await repos.members.search(DirectoryQuery(terms: JapaneseText.terms(of: query), page: PageRequest(number: 1, size: 10)))
                    .items.filter { !registered.contains($0.id) }
            }
            return Door(
                event: event, counts: try await repos.events.counts(eventID: eventID), bySector: SectorAttendance.tally(attendees),
                found: query.isEmpty ? attendees : attendees.filter { $0.answers(query) }, ticketHolder: holder, others: others)
        }
    }

    /// The person's own place, for their ticket page; nil without one.
    public func ticket(_ actor: Requester, eventID: Int64) async throws -> (event: Event, attendee: Attendee)? {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        return try await env.persistence.read { repos in
            let (event, _) = try await Self.visible(eventID, to: actor, repos)
            guard let mine = try await repos.events.registration(eventID: eventID, memberID: me), mine.status == .registered,
                let attendee = try await repos.events.attendee(registrationID: mine.id)
            else { return nil }
            return (event, attendee)
        }
    }

    /// Marks the person arrived; a person waiting for a place is given one at the door.
    /// Arriving twice keeps the first time. Gives who they are.
    @discardableResult
    public func checkIn(_ actor: Requester, eventID: Int64, registrationID: Int64) async throws -> Attendee {
        let now = env.now()
        return try await env.persistence.write { repos in
            _ = try await Self.atTheDoor(eventID, actor, repos)
            guard let attendee = try await repos.events.attendee(registrationID: registrationID), attendee.registration.eventID == eventID,
                attendee.registration.status != .cancelled
            else { throw MusubiError.notFound }
            guard attendee.registration.checkedInAt == nil else { return attendee }
            try await repos.events.checkIn(registrationID: registrationID, at: now)
            var arrived = attendee
            (arrived.registration.status, arrived.registration.checkedInAt) = (.registered, now)
            return arrived
        }
    }

    /// Takes back an arrival marked by mistake.
    public func undoCheckIn(_ actor: Requester, eventID: Int64, registrationID: Int64) async throws {
        try await env.persistence.write { repos in
            _ = try await Self.atTheDoor(eventID, actor, repos)
            guard let attendee = try await repos.events.attendee(registrationID: registrationID), attendee.registration.eventID == eventID
            else { throw MusubiError.notFound }
            try await repos.events.checkIn(registrationID: registrationID, at: nil)
        }
    }

    /// A member who came without registering: registered and arrived at once, beyond the
    /// capacity if need be (they are in the room).
    @discardableResult
    public func walkIn(_ actor: Requester, eventID: Int64, memberID: Int64) async throws -> Attendee {
        let now = env.now()
        return try await env.persistence.write { repos in
            _ = try await Self.atTheDoor(eventID, actor, repos)
            guard let member = try await repos.members.find(id: memberID), member.status == .active else {
                throw MusubiError.invalid([.init(field: "member", key: "error.walk_in_unknown")])
            }
            try await repos.events.lockForRegistration(eventID: eventID)
            let id: Int64
            if let existing = try await repos.events.registration(eventID: eventID, memberID: member.id) {
                if existing.status == .cancelled { try await repos.events.renew(registrationID: existing.id, as: .registered, at: now) }
                id = existing.id
            } else {
                id = try await repos.events.insertRegistration(
                    eventID: eventID, registrant: .member(member.id), status: .registered, ticket: Registration.newTicket(), at: now
                ).id
            }
            if try await repos.events.attendee(registrationID: id)?.registration.checkedInAt == nil {
                try await repos.events.checkIn(registrationID: id, at: now)
            }
            guard let attendee = try await repos.events.attendee(registrationID: id) else { throw MusubiError.notFound }
            return attendee
        }
    }

    /// The event, when the person may keep its door (coordinators).
    static func atTheDoor(_ eventID: Int64, _ actor: Requester, _ repos: any Repositories) async throws -> Event {
        let (event, _) = try await visible(eventID, to: actor, repos)
        try Policy.require(actor, .edit, .event(EventAccess(visibility: event.draft.visibility, invited: false)), hiding: false)
        return event
    }
}
