import Foundation

/// Events: coordinators create them; people see those their visibility allows, and register
/// (or join the waitlist once it is full, to be promoted in order when someone cancels).
public struct Events: Sendable {
    let env: CoreEnvironment
    /// Limits how often visitors may ask for a place (per address and per client).
    let throttle: SignInThrottle

    public init(_ env: CoreEnvironment, throttle: SignInThrottle = SignInThrottle()) {
        self.env = env
        self.throttle = throttle
    }

    public static let limits = (title: 200, description: 10_000, venue: 200, address: 300, capacity: 100_000, hosts: 20)

    /// A coordinator creates an event; audited.
    public func create(_ actor: Requester, _ draft: EventDraft) async throws -> Event {
        try Policy.require(actor, .create, .events, hiding: false)
        let clean = try await validate(draft)
        let now = env.now()
        return try await env.persistence.write { repos in
            let event = try await repos.events.insert(clean, by: actor.memberID, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .eventCreated, subjectType: "event", subjectID: event.id, detail: clean.title, at: now)
            return event
        }
    }

    /// A coordinator changes an event; audited. Those with a place or waiting are mailed when
    /// its time, place or title changed; a larger capacity moves the first waiting up, in
    /// order. A smaller one takes nobody's place away.
    public func update(_ actor: Requester, id: Int64, _ draft: EventDraft) async throws {
        let clean = try await validate(draft)
        let now = env.now()
        try await env.persistence.write { repos in
            let (old, access) = try await Self.visible(id, to: actor, repos)
            try Policy.require(actor, .edit, .event(access), hiding: false)
            guard old.cancelledAt == nil else { throw MusubiError.conflict("error.event_called_off") }
            try await repos.events.lockForRegistration(eventID: id)
            try await repos.events.update(id: id, with: clean)
            try await repos.audit.append(
                actorID: actor.memberID, action: .eventChanged, subjectType: "event", subjectID: id, detail: clean.title, at: now)
            guard let event = try await repos.events.find(id: id) else { throw MusubiError.notFound }
            var promoted: Set<Int64> = []
            if now < event.draft.endsAt {
                var placed = try await repos.events.counts(eventID: id).registered
                while clean.capacity.map({ placed < $0 }) ?? true, let next = try await repos.events.firstWaiting(eventID: id) {
                    try await repos.events.setStatus(registrationID: next.id, to: .registered, at: now)
                    var moved = next
                    moved.status = .registered
                    try await mail(.promoted, moved, event, repos)
                    promoted.insert(next.id)
                    placed += 1
                }
            }
            let before = old.draft
            let noticed =
                (before.title, before.startsAt, before.endsAt, before.allDay, before.place)
                != (clean.title, clean.startsAt, clean.endsAt, clean.allDay, clean.place)
            guard noticed else { return }
            for registration in try await repos.events.registrations(eventID: id)
            where registration.status != .cancelled && !promoted.contains(registration.id) {
                try await mail(.changed, registration, event, repos)
            }
        }
    }

    /// A coordinator calls an event off: it stays listed, marked cancelled, registrations close,
    /// and everyone with a place or waiting is mailed (with the calendar's cancellation).
    public func callOff(_ actor: Requester, id: Int64) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            let (old, access) = try await Self.visible(id, to: actor, repos)
            try Policy.require(actor, .edit, .event(access), hiding: false)
            guard old.cancelledAt == nil else { return }
            try await repos.events.lockForRegistration(eventID: id)
            try await repos.events.callOff(id: id, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .eventCalledOff, subjectType: "event", subjectID: id, detail: old.draft.title, at: now)
            guard let event = try await repos.events.find(id: id) else { throw MusubiError.notFound }
            for registration in try await repos.events.registrations(eventID: id) where registration.status != .cancelled {
                try await mail(.cancelled, registration, event, repos)
            }
        }
    }

    /// People the coordinator invites to an event (for an invited-only one, the only people
    /// besides coordinators who see it).
    public func invite(_ actor: Requester, eventID: Int64, memberIDs: [Int64]) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            _ = try await Self.visible(eventID, to: actor, repos)
            try Policy.require(actor, .edit, .events, hiding: false)
            try await repos.events.invite(eventID: eventID, memberIDs: Array(Set(memberIDs)).sorted(), at: now)
        }
    }

    /// An event as the person asking sees it: how many have a place and wait, and their own
    /// registration.
    public struct Shown: Sendable {
        public var event: Event
        public var access: EventAccess
        public var counts: RegistrationCounts
        public var mine: Registration?
        /// The names of its hosts and co-hosts.
        public var hostNames: [Int64: String]
        /// Who may read its minutes, once they are written.
        public var minutes: MinutesAccess?
    }

    public func show(_ actor: Requester, id: Int64) async throws -> Shown {
        try await env.persistence.read { repos in
            let (event, access, mine) = try await Self.standing(id, of: actor, repos)
            let hosts = event.draft.hostIDs + event.draft.coHostIDs
            let minutes = try await repos.events.minutes(eventID: id).map {
                MinutesAccess(visibility: $0.record.visibility, participant: mine?.status == .registered)
            }
            return Shown(
                event: event, access: access, counts: try await repos.events.counts(eventID: id), mine: mine,
                hostNames: hosts.isEmpty ? [:] : try await repos.organizations.names(of: hosts), minutes: minutes)
        }
    }

    /// Upcoming events (soonest first) or past ones (latest first) the person may see; a
    /// field's filter takes its descendants too. Invited-only events are listed to
    /// coordinators; the invited reach theirs by link.
    public func list(_ actor: Requester, upcoming: Bool, filter: EventFilter = .init(), page: PageRequest) async throws -> Page<Event> {
        let now = env.now()
        var filter = filter
        filter.visibilities = EventVisibility.allCases.filter { Policy.can(actor, .view, .event(EventAccess(visibility: $0, invited: false))) }
        let fieldIDs = try await filter.field.asyncMap { try await Directory(env).fieldTree().filter($0) } ?? []
        let chosen = filter
        return try await env.persistence.read { repos in
            try await repos.events.list(upcoming: upcoming, from: now, filter: chosen, fieldIDs: fieldIDs, page: page)
        }
    }

    /// Registers the person: a place while there is one, else the waitlist; a mail says which,
    /// with the ticket for a place. Registering again gives the registration they have.
    @discardableResult
    public func register(_ actor: Requester, eventID: Int64) async throws -> Registration {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        let now = env.now()
        return try await env.persistence.write { repos in
            let (event, access) = try await Self.visible(eventID, to: actor, repos)
            try Policy.require(actor, .join, .event(access), hiding: false)
            guard event.takesRegistrations(at: now) else { throw MusubiError.conflict("error.registration_closed") }
            try await repos.events.lockForRegistration(eventID: eventID)
            let existing = try await repos.events.registration(eventID: eventID, memberID: me)
            if let existing, existing.status != .cancelled { return existing }
            if let limit = event.draft.perOrganizationLimit, let organizationID = try await repos.members.find(id: me)?.organizationID,
                try await repos.events.registrations(eventID: eventID, fromOrganization: organizationID) >= limit
            {
                throw MusubiError.conflict("error.organization_limit")
            }
            let counts = try await repos.events.counts(eventID: eventID)
            let status: RegistrationStatus = event.draft.capacity.map { counts.registered >= $0 } == true ? .waitlisted : .registered
            let registration: Registration
            if var existing {
                try await repos.events.renew(registrationID: existing.id, as: status, at: now)
                (existing.status, existing.registeredAt, existing.checkedInAt) = (status, now, nil)
                registration = existing
            } else {
                registration = try await repos.events.insertRegistration(
                    eventID: eventID, registrant: .member(me), status: status, ticket: Registration.newTicket(), at: now)
            }
            try await mail(status == .registered ? .registered : .waitlisted, registration, event, repos)
            return registration
        }
    }

    /// Gives up the person's place (or their turn on the waitlist); the first waiting takes a
    /// freed place and is told by mail. Gives who was promoted.
    @discardableResult
    public func cancel(_ actor: Requester, eventID: Int64) async throws -> Registration? {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        let now = env.now()
        return try await env.persistence.write { repos in
            let (event, _) = try await Self.visible(eventID, to: actor, repos)
            try await repos.events.lockForRegistration(eventID: eventID)
            guard let mine = try await repos.events.registration(eventID: eventID, memberID: me), mine.status != .cancelled else { return nil }
            try await repos.events.setStatus(registrationID: mine.id, to: .cancelled, at: now)
            return try await promoteAfterCancelling(mine, event, repos, at: now)
        }
    }

    /// After a place was given up (the event locked), the first waiting takes it, while the
    /// event is still to come, and is told by mail.
    @discardableResult
    func promoteAfterCancelling(_ given: Registration, _ event: Event, _ repos: any Repositories, at now: Date) async throws -> Registration? {
        guard given.status == .registered, event.cancelledAt == nil, now < event.draft.endsAt,
            let next = try await repos.events.firstWaiting(eventID: event.id)
        else { return nil }
        try await repos.events.setStatus(registrationID: next.id, to: .registered, at: now)
        var promoted = next
        promoted.status = .registered
        try await mail(.promoted, promoted, event, repos)
        return promoted
    }

    /// Puts the mail about a registration in the outbox, in the registration's transaction. A
    /// visitor's mail carries a new key to their registration (the one before stops working:
    /// only digests are kept).
    func mail(_ reason: EventLetter.Reason, _ registration: Registration, _ event: Event, _ repos: any Repositories) async throws {
        guard let attendee = try await repos.events.attendee(registrationID: registration.id) else { return }
        let placed = registration.status == .registered && reason != .cancelled
        var letter = EventLetter(reason: reason, event: event, ticket: placed ? registration.ticket : nil)
        if case .visitor(let visitorID) = registration.registrant {
            let key = env.secrets.newSecret()
            try await repos.events.rekeyVisitor(id: visitorID, keyDigest: env.secrets.digest(key))
            letter.visitorKey = key
        }
        try await repos.post(.event(letter), to: MailAddress(name: attendee.name, address: attendee.email), kind: EventLetter.outboxKind, env)
    }

    /// The event and how the person stands to it, when they may see it.
    static func visible(_ id: Int64, to actor: Requester, _ repos: any Repositories) async throws -> (Event, EventAccess) {
        let standing = try await standing(id, of: actor, repos)
        return (standing.event, standing.access)
    }

    /// The event, how the person stands to it, and their registration, when they may see it.
    static func standing(_ id: Int64, of actor: Requester, _ repos: any Repositories) async throws -> (
        event: Event, access: EventAccess, mine: Registration?
    ) {
        guard let event = try await repos.events.find(id: id) else { throw MusubiError.notFound }
        let mine = try await actor.memberID.asyncMap { try await repos.events.registration(eventID: id, memberID: $0) } ?? nil
        var invited = mine.map { $0.status != .cancelled } ?? false
        if !invited, event.draft.visibility != .public, let me = actor.memberID {
            invited = try await repos.events.isInvited(eventID: id, memberID: me)
        }
        let access = EventAccess(visibility: event.draft.visibility, invited: invited)
        try Policy.require(actor, .view, .event(access))
        return (event, access, mine)
    }

    func validate(_ draft: EventDraft) async throws -> EventDraft {
        let tree = try await Directory(env).fieldTree()
        let organizations = Set(try await env.persistence.read { try await $0.organizations.names() }.map(\.id))
        var check = Validator()
        var clean = draft
        clean.title = check.text("title", draft.title, required: true, limit: Self.limits.title)
        clean.description = check.text("description", draft.description, limit: Self.limits.description, multiline: true)
        clean.place.venueName = check.text("venueName", draft.place.venueName, limit: Self.limits.venue)
        clean.place.address = check.text("address", draft.place.address, limit: Self.limits.address)
        clean.place.municipality = check.text("municipality", draft.place.municipality, limit: Self.limits.venue)
        clean.place.prefectureCode = check.prefecture("prefectureCode", draft.place.prefectureCode, required: false)
        clean.place.onlineURL = check.website("onlineURL", draft.place.onlineURL)
        if draft.endsAt < draft.startsAt { check.fail("endsAt", "error.ends_before_start") }
        if let capacity = draft.capacity, !(1...Self.limits.capacity).contains(capacity) { check.fail("capacity", "error.capacity") }
        if let limit = draft.perOrganizationLimit, !(1...Self.limits.capacity).contains(limit) {
            check.fail("perOrganizationLimit", "error.capacity")
        }
        if let opens = draft.registrationOpensAt, let closes = draft.registrationClosesAt, closes <= opens {
            check.fail("registrationClosesAt", "error.registration_window")
        }
        if let closes = draft.registrationClosesAt, closes > draft.endsAt { check.fail("registrationClosesAt", "error.registration_window") }
        if draft.visitorsWelcome && draft.visibility != .public { check.fail("visitorsWelcome", "error.visitors_public_only") }
        clean.fieldIDs = check.fieldIDs("fieldIDs", draft.fieldIDs, known: tree)
        clean.hostIDs = draft.hostIDs.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        clean.coHostIDs = draft.coHostIDs.reduce(into: []) { if !$0.contains($1) && !clean.hostIDs.contains($1) { $0.append($1) } }
        for (field, ids) in [("hostIDs", clean.hostIDs), ("coHostIDs", clean.coHostIDs)] {
            if ids.contains(where: { !organizations.contains($0) }) { check.fail(field, "error.organization_unknown") }
            if ids.count > Self.limits.hosts { check.fail(field, "error.too_many") }
        }
        try check.check()
        return clean
    }
}
