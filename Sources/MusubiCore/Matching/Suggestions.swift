import Foundation

/// "Mix" suggestions: for each member a few listings and people from fields other than
/// their own, whom they have never dealt with, bridged by a concept (see `MixSelection`).
/// Coordinators see the whole community's and pin a suggestion for a member; a pinned one
/// comes first, with the coordinator's note.
public struct Suggestions: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// The longest note a pin takes, in Unicode scalars.
    public static let noteLimit = 500

    public struct Suggestion: Sendable, Equatable {
        public enum Target: Sendable, Equatable {
            case listing(Listings.Shown)
            case person(Member, organizationName: String?)
        }

        public var subject: MatchSubject
        public var target: Target
        /// The engine's score; nil for a pin the engine would not suggest (any more).
        public var score: Double?
        public var reasons: [MatchIndex.Reason]
        public var pin: SuggestionPin?
    }

    /// One member's best suggestion, for the coordinators' view of the community.
    public struct ForMember: Sendable, Equatable {
        public var member: Member
        public var suggestion: Suggestion
    }

    /// How many members the community view looks at: those who changed their listings most
    /// recently first. A region's network has a few hundred active posters.
    public static let communityReach = 300

    /// The member's own suggestions: what coordinators pinned for them, then up to `limit`
    /// of the engine's (without the shared phrases among their reasons, for `sharedTerms: false`).
    public func mine(_ actor: Requester, limit: Int = 3, sharedTerms: Bool = true) async throws -> [Suggestion] {
        try Policy.require(actor, .list, .suggestions)
        guard let memberID = actor.memberID else { throw MusubiError.unauthenticated }
        let (found, pins) = try await env.persistence.read { repos in
            (try await repos.members.find(id: memberID), try await repos.suggestionPins.pinned(for: memberID))
        }
        guard let member = found else { throw MusubiError.notFound }
        let computed = try await compute(for: member, limit: limit + pins.count, sharedTerms: sharedTerms)
        let scored = Dictionary(computed.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
        var pinned: [Suggestion] = []
        for pin in pins {
            guard
                var suggestion = try await resolve(
                    pin.subject, for: member, score: scored[pin.subject]?.score, reasons: scored[pin.subject]?.reasons ?? [])
            else { continue }
            suggestion.pin = pin
            pinned.append(suggestion)
        }
        let pinnedSubjects = Set(pins.map(\.subject))
        return pinned + computed.filter { !pinnedSubjects.contains($0.subject) }.prefix(limit)
    }

    /// Each active member's best suggestion, best first: the coordinators' view.
    public func community(_ actor: Requester, limit: Int = 30) async throws -> [ForMember] {
        try Policy.require(actor, .view, .suggestions)
        let (members, listings, pins) = try await env.persistence.read { repos in
            (try await repos.members.all(), try await repos.listings.all(), try await repos.suggestionPins.all())
        }
        let lastPosted = listings.reduce(into: [Int64: Date]()) { latest, listing in
            latest[listing.ownerID] = max(latest[listing.ownerID] ?? .distantPast, listing.updatedAt)
        }
        let pinnedFor = Dictionary(grouping: pins, by: \.memberID)
        let reach = members.filter {
            $0.status == .active && $0.role >= .member && (lastPosted[$0.id] != nil || !$0.profile.offer.isEmpty || !$0.profile.seeking.isEmpty)
        }
        .sorted { (lastPosted[$0.id] ?? $0.createdAt, $0.id) > (lastPosted[$1.id] ?? $1.createdAt, $1.id) }
        .prefix(Self.communityReach)
        var result: [ForMember] = []
        for member in reach {
            let pinned = Set(pinnedFor[member.id, default: []].map(\.subject))
            guard let best = try await compute(for: member, limit: 1 + pinned.count).first(where: { !pinned.contains($0.subject) }) else { continue }
            result.append(ForMember(member: member, suggestion: best))
        }
        return Array(result.sorted { ($0.suggestion.score ?? 0, $1.member.id) > ($1.suggestion.score ?? 0, $0.member.id) }.prefix(limit))
    }

    /// Every pin coordinators set, newest first, as its member sees it (a pin on something
    /// they may no longer see is left out: it is not shown to them either).
    public func pinned(_ actor: Requester) async throws -> [ForMember] {
        try Policy.require(actor, .view, .suggestions)
        let pins = try await env.persistence.read { try await $0.suggestionPins.all() }
        var result: [ForMember] = []
        for pin in pins {
            guard let member = try await env.persistence.read({ try await $0.members.find(id: pin.memberID) }),
                var suggestion = try await resolve(pin.subject, for: member, score: nil, reasons: [])
            else { continue }
            suggestion.pin = pin
            result.append(ForMember(member: member, suggestion: suggestion))
        }
        return result
    }

    public func pin(_ actor: Requester, memberID: Int64, subject: MatchSubject, note rawNote: String) async throws -> SuggestionPin {
        try Policy.require(actor, .edit, .suggestions, hiding: false)
        var check = Validator()
        let note = check.text("note", rawNote, limit: Self.noteLimit, multiline: true)
        try check.check()
        let now = env.now()
        return try await env.persistence.write { repos in
            guard let member = try await repos.members.find(id: memberID), member.status == .active, member.role >= .member else {
                throw MusubiError.invalid("memberID", "error.member_unknown")
            }
            try await Self.checkVisible(subject, to: member, repos)
            let pin = try await repos.suggestionPins.insert(memberID: memberID, subject: subject, note: note, by: actor.memberID, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .suggestionPinned, subjectType: "member", subjectID: memberID, detail: "\(subject)", at: now
            )
            return pin
        }
    }

    public func unpin(_ actor: Requester, pinID: Int64) async throws {
        try Policy.require(actor, .edit, .suggestions, hiding: false)
        let now = env.now()
        try await env.persistence.write { repos in
            guard let pin = try await repos.suggestionPins.find(id: pinID), try await repos.suggestionPins.delete(id: pinID) else {
                throw MusubiError.notFound
            }
            try await repos.audit.append(
                actorID: actor.memberID, action: .suggestionUnpinned, subjectType: "member", subjectID: pin.memberID, detail: "\(pin.subject)",
                at: now
            )
        }
    }

    /// A pin must name something its member may see: an active person other than
    /// themselves, or a listing shown to them.
    private static func checkVisible(_ subject: MatchSubject, to member: Member, _ repos: any Repositories) async throws {
        let actor = Requester.member(id: member.id, role: member.role)
        switch subject {
        case .person(let id):
            guard id != member.id, Policy.can(actor, .list, .members), let person = try await repos.members.find(id: id), person.status == .active
            else {
                throw MusubiError.invalid("subject", "error.member_unknown")
            }
        case .listing(let id):
            guard let listing = try await repos.listings.find(id: id), listing.ownerID != member.id,
                Policy.can(actor, .view, .listing(listing.audience))
            else {
                throw MusubiError.invalid("subject", "error.listing_unknown")
            }
        }
    }

    /// The engine's suggestions for one member, seen as that member may see them.
    func compute(for member: Member, limit: Int, sharedTerms: Bool = true) async throws -> [Suggestion] {
        guard member.status == .active else { return [] }
        let now = env.now()
        let viewer = Requester.member(id: member.id, role: member.role)
        let query = ListingQuery(ownerID: member.id, current: now, page: PageRequest(number: 1, size: 10))
        let (person, own, partners) = try await env.persistence.read { repos in
            (
                try await Matchmaking.person(member.id, repos), try await repos.listings.search(query).items,
                try await repos.introductions.partners(of: member.id)
            )
        }
        guard let person else { return [] }
        try await Matchmaking(env).ensureLoaded()
        let tree = try await Directory(env).fieldTree()
        let hierarchy = FieldHierarchy(tree)
        let organization = member.organizationID
        let openListings = own.filter { [.open, .inDiscussion].contains($0.status) }
        var found = env.matchIndex.candidates(
            for: person, viewer: viewer, organization: organization, fields: tree, limit: 40, now: now, sharedTerms: sharedTerms)
        for listing in openListings {
            found += env.matchIndex.candidates(
                for: listing, viewer: viewer, organization: organization, fields: tree, subjects: .all, limit: 20, now: now,
                sharedTerms: sharedTerms)
        }
        let ownFieldIDs = member.fieldIDs + openListings.flatMap(\.content.fieldIDs)
        let recipient = MixSelection.Recipient(
            memberID: member.id, organizationID: organization,
            fieldRoots: Set(ownFieldIDs.compactMap { tree.field($0)?.key }.map(hierarchy.root)), partners: partners
        )
        let options = found.map { found in
            MixSelection.Option(
                subject: found.subject, ownerID: found.ownerID, organizationID: found.organizationID,
                fieldRoots: Set(found.fields.map(hierarchy.root)), score: found.score, reasons: found.reasons
            )
        }
        var suggestions: [Suggestion] = []
        for option in MixSelection(for: recipient).pick(from: options, limit: limit) {
            if let suggestion = try await resolve(option.subject, for: member, score: option.score, reasons: option.reasons) {
                suggestions.append(suggestion)
            }
        }
        return suggestions
    }

    /// Reads the subject as the member may see it; nil when they may not (any more).
    private func resolve(_ subject: MatchSubject, for member: Member, score: Double?, reasons: [MatchIndex.Reason]) async throws -> Suggestion? {
        let viewer = Requester.member(id: member.id, role: member.role)
        return try await env.persistence.read { repos in
            switch subject {
            case .listing(let id):
                guard let listing = try await repos.listings.find(id: id), Policy.can(viewer, .view, .listing(listing.audience)) else { return nil }
                let shown = Listings.shown(listing, to: viewer, organization: member.organizationID)
                return Suggestion(subject: subject, target: .listing(shown), score: score, reasons: reasons, pin: nil)
            case .person(let id):
                guard let (person, organization) = try await Matchmaking.activePerson(id, repos) else { return nil }
                return Suggestion(subject: subject, target: .person(person, organizationName: organization), score: score, reasons: reasons, pin: nil)
            }
        }
    }
}
