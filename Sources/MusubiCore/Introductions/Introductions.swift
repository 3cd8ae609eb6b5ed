import Foundation

/// Introductions that both sides agree to: a member asks, a coordinator reviews, the other
/// side answers, and only then do the two see each other's contact details and share a
/// private thread with the coordinator. What came of it is recorded over time.
public struct Introductions: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public static let limits = (message: 2_000, note: 2_000, outcomeNote: 1_000, post: 4_000)

    /// Whom to be introduced to: a listing's owner (about that listing), or a person.
    public enum Target: Sendable, Equatable {
        case listing(Int64)
        case member(Int64)
    }

    public func request(_ actor: Requester, to target: Target, message: String) async throws -> Introduction {
        try Policy.require(actor, .create, .introductions, hiding: false)
        guard let requesterID = actor.memberID else { throw MusubiError.unauthenticated }
        var check = Validator()
        let message = check.text("message", message, required: true, limit: Self.limits.message, multiline: true)
        try check.check()
        let now = env.now()
        let (introduction, notified) = try await env.persistence.write { repos in
            let (recipientID, listingID) = try await recipient(of: target, for: actor, repos)
            guard recipientID != requesterID else { throw MusubiError.invalid("target", "error.introduction_self") }
            if try await repos.introductions.unsettledOrAccepted(requesterID: requesterID, recipientID: recipientID, listingID: listingID) != nil {
                throw MusubiError.conflict("error.introduction_exists")
            }
            let introduction = try await repos.introductions.insert(
                requesterID: requesterID, recipientID: recipientID, listingID: listingID, message: message, at: now)
            try await repos.audit.append(
                actorID: requesterID, action: .introductionRequested, subjectType: "introduction", subjectID: introduction.id, detail: "", at: now)
            return (introduction, try await tell(.introductionToReview, about: introduction, to: try await repos.notifications.staff(), repos))
        }
        await env.exchangeEvents.notificationsChanged(memberIDs: notified)
        return introduction
    }

    /// A coordinator's decision, with a note both sides will read.
    public func review(_ actor: Requester, id: Int64, approve: Bool, note: String) async throws {
        var check = Validator()
        let note = check.text("note", note, limit: Self.limits.note, multiline: true)
        try check.check()
        let now = env.now()
        let notified = try await env.persistence.write { repos in
            var introduction = try await visible(id, to: actor, repos)
            try Policy.require(actor, .approve, .introduction(introduction.audience), hiding: false)
            guard let coordinatorID = actor.memberID,
                try await repos.introductions.review(
                    id: id, from: .requested, to: approve ? .approved : .declined, coordinatorID: coordinatorID, note: note, at: now)
            else { throw MusubiError.conflict("error.introduction_moved_on") }
            try await repos.audit.append(
                actorID: coordinatorID, action: .introductionReviewed, subjectType: "introduction", subjectID: id,
                detail: approve ? "approved" : "declined", at: now)
            introduction.coordinatorID = coordinatorID
            var told = try await tell(
                approve ? .introductionApproved : .introductionDeclined, about: introduction, to: [introduction.requesterID], repos)
            if approve { told.formUnion(try await tell(.introductionRequested, about: introduction, to: [introduction.recipientID], repos)) }
            return told
        }
        await env.exchangeEvents.notificationsChanged(memberIDs: notified)
    }

    /// The other side's answer to an approved request.
    public func answer(_ actor: Requester, id: Int64, accept: Bool) async throws {
        let now = env.now()
        let notified = try await env.persistence.write { repos in
            let introduction = try await visible(id, to: actor, repos)
            try Policy.require(actor, .respond, .introduction(introduction.audience), hiding: false)
            guard try await repos.introductions.answer(id: id, from: .approved, to: accept ? .accepted : .refused, at: now) else {
                throw MusubiError.conflict("error.introduction_moved_on")
            }
            try await repos.audit.append(
                actorID: actor.memberID, action: .introductionAnswered, subjectType: "introduction", subjectID: id,
                detail: accept ? "accepted" : "refused", at: now)
            return try await tell(
                accept ? .introductionAccepted : .introductionRefused, about: introduction,
                to: [introduction.requesterID] + (introduction.coordinatorID.map { [$0] } ?? []), repos)
        }
        await env.exchangeEvents.notificationsChanged(memberIDs: notified)
    }

    /// What came of an accepted introduction, on the day it happened (not a day ahead).
    public func recordOutcome(_ actor: Requester, id: Int64, kind: OutcomeKind, on day: Date, note: String) async throws -> IntroductionOutcome {
        let now = env.now()
        var check = Validator()
        let note = check.text("note", note, limit: Self.limits.outcomeNote, multiline: true)
        if day > now { check.fail("on", "error.outcome_future") }
        try check.check()
        let (outcome, notified) = try await env.persistence.write { repos in
            let introduction = try await visible(id, to: actor, repos)
            try Policy.require(actor, .edit, .introduction(introduction.audience), hiding: false)
            guard let recorder = actor.memberID else { throw MusubiError.unauthenticated }
            let outcome = try await repos.introductions.insertOutcome(
                introductionID: id, kind: kind, on: day, note: note, recordedBy: recorder, at: now)
            try await repos.audit.append(
                actorID: recorder, action: .introductionOutcomeRecorded, subjectType: "introduction", subjectID: id, detail: kind.rawValue, at: now)
            let everyone = [introduction.requesterID, introduction.recipientID] + (introduction.coordinatorID.map { [$0] } ?? [])
            return (outcome, try await tell(.introductionOutcome, about: introduction, to: everyone, repos))
        }
        await env.exchangeEvents.notificationsChanged(memberIDs: notified)
        return outcome
    }

    /// A message in the private thread of an accepted introduction.
    public func post(_ actor: Requester, id: Int64, body: String) async throws -> IntroductionMessage {
        var check = Validator()
        let body = check.text("body", body, required: true, limit: Self.limits.post, multiline: true)
        try check.check()
        let now = env.now()
        return try await env.persistence.write { repos in
            let introduction = try await visible(id, to: actor, repos)
            try Policy.require(actor, .edit, .introduction(introduction.audience), hiding: false)
            guard let author = actor.memberID else { throw MusubiError.unauthenticated }
            return try await repos.introductions.insertMessage(introductionID: id, authorID: author, body: body, at: now)
        }
    }

    /// One introduction as its page shows it.
    public struct Detail: Sendable {
        public var introduction: Introduction
        public var requester: Party
        public var recipient: Party
        public var coordinator: Party?
        /// The listing it is about, when the viewer may see it.
        public var listing: (id: Int64, title: String)?
        public var outcomes: [IntroductionOutcome]
        public var messages: [IntroductionMessage]
        public var mayReview: Bool
        public var mayAnswer: Bool
        /// Record outcomes and write in the thread.
        public var mayFollowUp: Bool
    }

    /// A person on an introduction; their e-mail only when contacts are shared with the viewer.
    public struct Party: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var organization: String
        public var email: String?
    }

    public func show(_ actor: Requester, id: Int64) async throws -> Detail {
        try await env.persistence.read { repos in
            let introduction = try await visible(id, to: actor, repos)
            let shareContact = Policy.can(actor, .readContact, .introduction(introduction.audience))
            func party(_ memberID: Int64, contact: Bool) async throws -> Party {
                let member = try await repos.members.find(id: memberID)
                let organization = try await member?.organizationID.asyncMap { try await repos.organizations.find(id: $0) } ?? nil
                let email = contact ? try await repos.accounts.account(memberID: memberID)?.email : nil
                return Party(id: memberID, name: member?.name ?? "", organization: organization?.name ?? "", email: email)
            }
            var listing: (Int64, String)?
            if let listingID = introduction.listingID, let found = try await repos.listings.find(id: listingID),
                Policy.can(actor, .view, .listing(found.audience))
            {
                listing = (found.id, found.content.title)
            }
            let followsUp = Policy.can(actor, .edit, .introduction(introduction.audience))
            return Detail(
                introduction: introduction,
                requester: try await party(introduction.requesterID, contact: shareContact),
                recipient: try await party(introduction.recipientID, contact: shareContact),
                coordinator: try await introduction.coordinatorID.asyncMap { try await party($0, contact: shareContact) },
                listing: listing,
                outcomes: followsUp || Policy.can(actor, .approve, .introductions) ? try await repos.introductions.outcomes(of: id) : [],
                messages: followsUp ? try await repos.introductions.messages(of: id) : [],
                mayReview: introduction.status == .requested && Policy.can(actor, .approve, .introduction(introduction.audience)),
                mayAnswer: introduction.status == .approved && Policy.can(actor, .respond, .introduction(introduction.audience)),
                mayFollowUp: followsUp
            )
        }
    }

    /// The viewer's own introductions (asked by them or of them), or, for coordinators,
    /// everyone's: the queue is those in `requested`.
    public func list(_ actor: Requester, everyone: Bool, statuses: [IntroductionStatus], page: PageRequest) async throws -> Page<Introduction> {
        try Policy.require(actor, .list, .introductions)
        if everyone { try Policy.require(actor, .approve, .introductions, hiding: false) }
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        // A request not yet passed on is not the recipient's to see: which are, the policy says.
        let passedOn = IntroductionStatus.allCases.filter {
            Policy.can(actor, .view, .introduction(IntroductionAudience(requesterID: -1, recipientID: me, status: $0)))
        }
        let query = IntroductionQuery(involving: everyone ? nil : me, statusesForRecipient: passedOn, statuses: statuses, page: page)
        return try await env.persistence.read { try await $0.introductions.search(query) }
    }

    /// Names for a list of introductions: each person involved, once.
    public func names(of introductions: [Introduction]) async throws -> [Int64: String] {
        let ids = Set(introductions.flatMap { [$0.requesterID, $0.recipientID] })
        return try await env.persistence.read { repos in
            var names: [Int64: String] = [:]
            for id in ids { names[id] = try await repos.members.find(id: id)?.name }
            return names
        }
    }

    /// Tells people of a step, naming the listing it is about (its title only: what the
    /// requester wrote is read on the introduction's page, by those allowed to).
    private func tell(_ step: Notice.Step, about introduction: Introduction, to people: [Int64], _ repos: any Repositories) async throws
        -> Set<Int64>
    {
        let title = try await introduction.listingID.asyncMap { try await repos.listings.find(id: $0)?.content.title } ?? nil
        let actor: Int64? =
            switch step {
            case .introductionToReview: introduction.requesterID
            case .introductionAccepted, .introductionRefused: introduction.recipientID
            case .introductionOutcome: nil
            default: introduction.coordinatorID
            }
        let notice = Notice(step: step, actorID: actor, subject: title ?? "", target: .introduction(introduction.id))
        return try await Notifier(env: env).notify(notice, to: people, repos)
    }

    /// The introduction, when the actor may see it; else it does not exist for them.
    private func visible(_ id: Int64, to actor: Requester, _ repos: any Repositories) async throws -> Introduction {
        guard let introduction = try await repos.introductions.find(id: id),
            Policy.can(actor, .view, .introduction(introduction.audience))
        else {
            if actor == .anonymous { throw MusubiError.unauthenticated }
            throw MusubiError.notFound
        }
        return introduction
    }

    /// Whether the person may ask to be introduced to a listing's owner about it (whose owner
    /// is not themselves): what decides whether its page offers to.
    public func mayRequest(_ actor: Requester, about listing: Listing) -> Bool {
        Policy.can(actor, .create, .introductions) && actor.memberID != listing.ownerID && listing.takesIntroductionRequests(at: env.now())
    }

    /// Who is asked for, and about which listing. A listing must be one the requester may
    /// see; a person must be an active member.
    private func recipient(of target: Target, for actor: Requester, _ repos: any Repositories) async throws -> (Int64, Int64?) {
        switch target {
        case .listing(let id):
            guard let listing = try await repos.listings.find(id: id), Policy.can(actor, .view, .listing(listing.audience)) else {
                throw MusubiError.notFound
            }
            guard listing.takesIntroductionRequests(at: env.now()),
                try await repos.members.find(id: listing.ownerID)?.status == .active
            else {
                throw MusubiError.invalid("target", "error.introduction_listing_closed")
            }
            return (listing.ownerID, listing.id)
        case .member(let id):
            guard let member = try await repos.members.find(id: id), member.status == .active,
                Policy.can(actor, .view, .member(id: id, role: member.role))
            else { throw MusubiError.notFound }
            return (member.id, nil)
        }
    }
}
