import Foundation

/// The coordinator's bulletins (お知らせ) and funding calls (公募・補助金): publishing now or
/// at a time, each reader seeing only what is for them, the readers whose fields it concerns
/// told once when it appears, a funding call saved by a member and a reminder 14 and 3 days
/// before its deadline.
public struct Bulletins: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// A bulletin as one reader sees it.
    public struct Shown: Sendable {
        public var bulletin: Bulletin
        /// Appeared and not expired (coordinators also see the others).
        public var isCurrent: Bool
        public var saved: Bool
        /// A funding call that fits the reader (`BulletinReader.fits`): about their fields
        /// and open to their sector, or saved.
        public var fitsReader: Bool
        public var maySave: Bool
        public var mayEdit: Bool
        /// Where its discussion is: the channel and the message that opened it, while that
        /// message is there (one bulletin's page looks; a list does not).
        public var discussion: (channelID: Int64, messageID: Int64)?
    }

    public struct Filters: Sendable, Equatable {
        public var kind: BulletinKind?
        public var fieldID: Int64?
        /// Funding calls only: those still open.
        public var openOnly: Bool
        /// Only those the reader saved.
        public var savedOnly: Bool
        /// Only funding calls that fit the reader ("calls that fit you").
        public var fitsOnly: Bool
        public var page: PageRequest

        public init(
            kind: BulletinKind? = nil, fieldID: Int64? = nil, openOnly: Bool = false, savedOnly: Bool = false, fitsOnly: Bool = false,
            page: PageRequest = .init()
        ) {
            self.kind = kind
            self.fieldID = fieldID
            self.openOnly = openOnly
            self.savedOnly = savedOnly
            self.fitsOnly = fitsOnly
            self.page = page
        }
    }

    /// Publishes a bulletin; when it appears at once, its readers are told in the same
    /// transaction. With `discussIn`, a message opening its discussion is posted in that
    /// channel by the author (who must be able to post there), worded by `opening`.
    public func publish(_ actor: Requester, _ draft: BulletinDraft, opening: @escaping @Sendable (Bulletin) -> String = { $0.title }) async throws
        -> Bulletin
    {
        try Policy.require(actor, .create, .bulletins, hiding: false)
        guard let author = actor.memberID else { throw MusubiError.unauthenticated }
        let now = env.now()
        let clean = try await validate(draft, now: now)
        let tree = try await Directory(env).fieldTree()
        let (bulletin, told, event) = try await env.persistence.write { repos in
            try await checkReferences(clean, actor, repos)
            let appears = clean.publishAt ?? now
            var bulletin = try await repos.bulletins.insert(clean, publishAt: appears, authorID: author, at: now)
            try await repos.audit.append(
                actorID: author, action: .bulletinPublished, subjectType: "bulletin", subjectID: bulletin.id, detail: clean.title, at: now)
            var event: ChannelEvent?
            if let channelID = clean.discussIn {
                let message = try await Exchange.insert(
                    typed: NewMessage(channelID: channelID, authorID: author, body: opening(bulletin), at: now), repos)
                try await repos.bulletins.setDiscussion(id: bulletin.id, messageID: message.id)
                bulletin.discussionMessageID = message.id
                event = try await repos.messages.appendEvent(channelID: channelID, kind: .posted, messageID: message.id, at: now)
            }
            // The time as given, not as stored (to the millisecond, rounded): published now is now.
            let told = appears <= now ? try await announce(bulletin, tree: tree, repos) : []
            return (bulletin, told, event)
        }
        if let event { await env.exchangeEvents.publish([event]) }
        await env.exchangeEvents.notificationsChanged(memberIDs: told)
        return bulletin
    }

    /// A new wording, audience or time; readers already told are not told again.
    public func edit(_ actor: Requester, id: Int64, _ draft: BulletinDraft) async throws {
        try Policy.require(actor, .edit, .bulletins, hiding: false)
        let now = env.now()
        var checked = try await validate(draft, now: now, isNew: false)
        checked.discussIn = nil
        let clean = checked
        try await env.persistence.write { repos in
            guard let bulletin = try await repos.bulletins.find(id: id) else { throw MusubiError.notFound }
            try await checkReferences(clean, actor, repos)
            try await repos.bulletins.update(id: id, with: clean, publishAt: clean.publishAt ?? bulletin.publishAt, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .bulletinEdited, subjectType: "bulletin", subjectID: id, detail: clean.title, at: now)
        }
    }

    /// Takes a bulletin down for good (its discussion stays in the exchange).
    public func remove(_ actor: Requester, id: Int64) async throws {
        try Policy.require(actor, .edit, .bulletins, hiding: false)
        try await env.persistence.write { [now = env.now()] repos in
            guard let bulletin = try await repos.bulletins.find(id: id) else { throw MusubiError.notFound }
            try await repos.bulletins.remove(id: id)
            try await repos.audit.append(
                actorID: actor.memberID, action: .bulletinRemoved, subjectType: "bulletin", subjectID: id, detail: bulletin.title, at: now)
        }
    }

    /// The bulletins for the reader, pinned first and then newest first; coordinators also
    /// see those still to appear.
    public func list(_ actor: Requester, _ filters: Filters = .init()) async throws -> Page<Shown> {
        let now = env.now()
        let tree = try await Directory(env).fieldTree()
        return try await env.persistence.read { repos in
            let reader = try await reader(actor, repos)
            let saved = try await actor.memberID.asyncMap { try await repos.bulletins.savedIDs(memberID: $0) } ?? []
            let fields = filters.fieldID.map { Set(tree.filter($0)) }
            let chosen = try await repos.bulletins.unexpired(at: now).filter { bulletin in
                guard reader.mayRead(bulletin, in: tree), bulletin.isCurrent(at: now) || reader.isCoordinator else { return false }
                if let kind = filters.kind, bulletin.kind != kind { return false }
                if let fields, fields.isDisjoint(with: bulletin.fieldIDs) { return false }
                if filters.openOnly, !bulletin.isOpen(at: now) { return false }
                if filters.savedOnly, !saved.contains(bulletin.id) { return false }
                if filters.fitsOnly, !reader.fits(bulletin, saved: saved.contains(bulletin.id), in: tree) { return false }
                return true
            }
            let ordered =
                filters.openOnly
                ? chosen.sorted { ($0.funding?.deadline ?? .distantFuture) < ($1.funding?.deadline ?? .distantFuture) }
                : chosen.sorted { ($0.pinned ? 1 : 0, $0.publishAt, $0.id) > ($1.pinned ? 1 : 0, $1.publishAt, $1.id) }
            let items = ordered.dropFirst(filters.page.offset).prefix(filters.page.size).map { shown($0, reader, saved, tree, now) }
            return Page(items: items, total: ordered.count, request: filters.page)
        }
    }

    /// One bulletin, when the reader may read it and it has appeared (coordinators see it
    /// before); otherwise it does not exist for them.
    public func show(_ actor: Requester, id: Int64) async throws -> Shown {
        let now = env.now()
        let tree = try await Directory(env).fieldTree()
        return try await env.persistence.read { repos in
            let reader = try await reader(actor, repos)
            guard let bulletin = try await repos.bulletins.find(id: id), reader.mayRead(bulletin, in: tree),
                bulletin.isCurrent(at: now) || reader.isCoordinator
            else { throw MusubiError.notFound }
            let saved = try await actor.memberID.asyncMap { try await repos.bulletins.savedIDs(memberID: $0) } ?? []
            var shown = shown(bulletin, reader, saved, tree, now)
            let opening = try await bulletin.discussionMessageID.asyncMap { try await repos.messages.find(id: $0) } ?? nil
            shown.discussion = opening.map { ($0.channelID, $0.id) }
            return shown
        }
    }

    /// Public bulletins that have appeared, newest first, for the feeds (funding calls only,
    /// or all but them).
    public func publicFeed(fundingCalls: Bool, limit: Int = 50) async throws -> [Bulletin] {
        let now = env.now()
        return try await env.persistence.read { try await $0.bulletins.unexpired(at: now) }
            .filter { $0.visibility == .public && $0.isCurrent(at: now) && ($0.kind == .fundingCall) == fundingCalls }
            .sorted { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }.prefix(limit).map { $0 }
    }

    /// Saves a funding call for its reminders, or forgets it.
    public func save(_ actor: Requester, id: Int64, saved: Bool) async throws {
        try Policy.require(actor, .respond, .bulletins, hiding: false)
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        let shown = try await show(actor, id: id)
        guard shown.bulletin.kind == .fundingCall else { throw MusubiError.conflict("error.not_a_funding_call") }
        try await env.persistence.write { [now = env.now()] repos in
            if saved {
                try await repos.bulletins.save(bulletinID: id, memberID: me, at: now)
            } else {
                try await repos.bulletins.unsave(bulletinID: id, memberID: me)
            }
        }
    }

    private func shown(_ bulletin: Bulletin, _ reader: BulletinReader, _ saved: Set<Int64>, _ tree: FieldTree, _ now: Date) -> Shown {
        Shown(
            bulletin: bulletin, isCurrent: bulletin.isCurrent(at: now), saved: saved.contains(bulletin.id),
            fitsReader: reader.memberID != nil && reader.fits(bulletin, saved: saved.contains(bulletin.id), in: tree),
            maySave: bulletin.kind == .fundingCall && (reader.role.map { $0 >= .member } ?? false), mayEdit: reader.isCoordinator)
    }

    func reader(_ actor: Requester, _ repos: any Repositories) async throws -> BulletinReader {
        guard let me = actor.memberID else { return .visitor }
        var reader = try await repos.bulletins.reader(memberID: me) ?? BulletinReader(memberID: me, role: actor.role)
        reader.role = actor.role
        return reader
    }

    /// A discussion channel must be one the author may post in; a funder must exist.
    private func checkReferences(_ draft: BulletinDraft, _ actor: Requester, _ repos: any Repositories) async throws {
        if let channelID = draft.discussIn {
            guard let (_, access) = try? await Exchange(env).visible(channelID, to: actor, repos), Policy.can(actor, .post, .channel(access))
            else { throw MusubiError.invalid("discussIn", "error.bulletin_channel") }
        }
        if let funder = draft.funding?.funderOrganizationID, try await repos.organizations.find(id: funder) == nil {
            throw MusubiError.invalid("funderOrganizationID", "error.organization_unknown")
        }
    }
}
