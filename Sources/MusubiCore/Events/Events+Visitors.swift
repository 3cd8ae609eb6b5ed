import Foundation

/// Visitors: people without an account register for a public event that welcomes them by
/// giving a name, an organisation and an address; a mailed link confirms the address and makes
/// their place (or their turn on the waitlist). The same link, renewed in each mail about the
/// place, shows the ticket and gives the place up. Asking is limited per address and per
/// client, and the answer never says whether the address had asked before.
extension Events {
    public static let visitorLimits = (name: 100, organization: 200)

    /// What a visitor typed.
    public struct VisitorRequest: Sendable {
        public var name: String
        public var organization: String
        public var email: String

        public init(name: String, organization: String, email: String) {
            (self.name, self.organization, self.email) = (name, organization, email)
        }
    }

    /// Mails the link that confirms the visitor's address. Asking again mails a new link (the
    /// old one stops working) and keeps a confirmed place as it is.
    public func askAsVisitor(eventID: Int64, _ request: VisitorRequest, client: String) async throws {
        var check = Validator()
        let name = check.text("name", request.name, required: true, limit: Self.visitorLimits.name)
        let organization = check.text("organization", request.organization, limit: Self.visitorLimits.organization)
        let email = check.email("email", request.email)
        try check.check()
        let (account, address) = ("visit:\(eventID):" + email.lowercased(), "visit:" + client)
        try await throttle.check(account: account, address: address)
        await throttle.recordFailure(account: account, address: address)
        let key = env.secrets.newSecret()
        let now = env.now()
        try await env.persistence.write { repos in
            let event = try await Self.welcomingVisitors(eventID, repos, at: now)
            let visitor = try await repos.events.saveVisitor(
                eventID: eventID, name: name, organization: organization, email: email, keyDigest: env.secrets.digest(key), at: now)
            try await repos.post(
                .event(EventLetter(reason: .confirmVisit, event: event, ticket: nil, visitorKey: key)),
                to: MailAddress(name: visitor.name, address: visitor.email), kind: EventLetter.outboxKind, env)
        }
    }

    /// A visitor's registration as their link shows it.
    public struct Visit: Sendable {
        public var event: Event
        public var visitor: Visitor
        /// Nil until they confirm.
        public var registration: Registration?
    }

    public func visit(key: String) async throws -> Visit {
        try await env.persistence.read { repos in try await Self.visit(key, repos, env) }
    }

    /// The visitor confirms their address: a place while there is one, else the waitlist,
    /// and a mail with the ticket. Confirming again changes nothing.
    @discardableResult
    public func confirmVisit(key: String) async throws -> Visit {
        let now = env.now()
        return try await env.persistence.write { repos in
            var visit = try await Self.visit(key, repos, env)
            if visit.registration != nil { return visit }
            let event = try await Self.welcomingVisitors(visit.event.id, repos, at: now)
            try await repos.events.lockForRegistration(eventID: event.id)
            if let limit = event.draft.perOrganizationLimit, !visit.visitor.organization.isEmpty,
                try await repos.events.registrations(eventID: event.id, fromOrganizationNamed: visit.visitor.organization) >= limit
            {
                throw MusubiError.conflict("error.organization_limit")
            }
            let counts = try await repos.events.counts(eventID: event.id)
            let status: RegistrationStatus = event.draft.capacity.map { counts.registered >= $0 } == true ? .waitlisted : .registered
            try await repos.events.confirmVisitor(id: visit.visitor.id, at: now)
            let registration = try await repos.events.insertRegistration(
                eventID: event.id, registrant: .visitor(visit.visitor.id), status: status, ticket: Registration.newTicket(), at: now)
            try await mail(status == .registered ? .registered : .waitlisted, registration, event, repos)
            visit.registration = registration
            return visit
        }
    }

    /// The visitor gives up their place (or their turn); the first waiting takes a freed place.
    public func cancelVisit(key: String) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            let visit = try await Self.visit(key, repos, env)
            guard let registration = visit.registration, registration.status != .cancelled else { return }
            try await repos.events.lockForRegistration(eventID: visit.event.id)
            try await repos.events.setStatus(registrationID: registration.id, to: .cancelled, at: now)
            try await promoteAfterCancelling(registration, visit.event, repos, at: now)
        }
    }

    static func visit(_ key: String, _ repos: any Repositories, _ env: CoreEnvironment) async throws -> Visit {
        guard !key.isEmpty, let visitor = try await repos.events.visitor(keyDigest: env.secrets.digest(key)),
            let event = try await repos.events.find(id: visitor.eventID)
        else { throw MusubiError.notFound }
        return Visit(event: event, visitor: visitor, registration: try await repos.events.registration(visitorID: visitor.id))
    }

    /// The event, when visitors may register for it now.
    static func welcomingVisitors(_ eventID: Int64, _ repos: any Repositories, at now: Date) async throws -> Event {
        guard let event = try await repos.events.find(id: eventID), event.draft.visibility == .public else { throw MusubiError.notFound }
        guard event.draft.visitorsWelcome else { throw MusubiError.forbidden }
        guard event.takesRegistrations(at: now) else { throw MusubiError.conflict("error.registration_closed") }
        return event
    }
}
