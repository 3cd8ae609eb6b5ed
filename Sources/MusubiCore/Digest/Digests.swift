import Foundation

/// The weekly digest: one mail per member per week, when they have anything, composed at the
/// installation's hour and handed to the outbox in batches; its web version; and the
/// operator's preview. Members who turned it off get none.
public struct Digests: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// Members composed, and their letters written, in one transaction.
    static let batchSize = 200
    /// How late a week's digest may still go out (after a server was down over its hour):
    /// later, it waits for the next week rather than arrive days late.
    static let lateness: TimeInterval = 86_400

    /// The signed-in member's digest for the last seven days: the digest's web version.
    public func mine(_ actor: Requester) async throws -> WeeklyDigest {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        try Policy.require(actor, .view, .notifications(ownerID: me))
        guard let member = try await env.persistence.read({ try await $0.members.find(id: me) }) else { throw MusubiError.notFound }
        let until = env.now()
        return try await digests(for: [member], until: until, composer: try await composer(until: until))[0]
    }

    /// One member's digest as it would be sent now, found by e-mail address: the operator's
    /// preview at the command line (`musubi digest --preview`).
    public func preview(email: String) async throws -> (member: Member, digest: WeeklyDigest) {
        let found = try await env.persistence.read { repos in
            try await repos.accounts.account(email: email.trimmingCharacters(in: .whitespaces).lowercased()).asyncMap {
                try await repos.members.find(id: $0.memberID)
            } ?? nil
        }
        guard let member = found else { throw MusubiError.notFound }
        let until = env.now()
        return (member, try await digests(for: [member], until: until, composer: try await composer(until: until))[0])
    }

    /// Sends the week's digest when its hour has come and it has not gone yet; run every few
    /// seconds. Gives the round when one ran.
    @discardableResult
    public func sendDue(_ schedule: DigestSchedule) async throws -> DigestRound? {
        let now = env.now()
        let due = schedule.latest(atOrBefore: now)
        guard now.timeIntervalSince(due) < Self.lateness else { return nil }
        let week = schedule.week(of: due)
        if let round = try await env.persistence.read({ try await $0.digests.round(week: week) }), round.finishedAt != nil { return nil }
        return try await send(week: week, until: due)
    }

    /// Composes the week's digest for every active member not yet done and puts those with
    /// anything in the outbox; resumes an interrupted round. Gives the finished round.
    public func send(week: String, until: Date) async throws -> DigestRound {
        var round = try await env.persistence.write { [now = env.now()] in try await $0.digests.begin(week: week, at: now) }
        guard round.finishedAt == nil else { return round }
        let composer = try await composer(until: until)
        let (members, emails, refusers) = try await env.persistence.read { repos in
            (try await repos.members.all(), try await repos.members.emails(), try await repos.notifications.digestRefusers())
        }
        let pending = members.filter { $0.id > round.lastMemberID }.sorted { $0.id < $1.id }
        for start in stride(from: 0, to: pending.count, by: Self.batchSize) {
            let batch = Array(pending[start..<min(start + Self.batchSize, pending.count)])
            let readers = batch.filter { $0.status == .active && !refusers.contains($0.id) && emails[$0.id] != nil }
            let composed = try await digests(for: readers, until: until, composer: composer)
            let letters = zip(readers, composed).filter { !$1.isEmpty }
            let (from, to) = (round.lastMemberID, batch.last?.id ?? round.lastMemberID)
            try await env.persistence.write { repos in
                guard try await repos.digests.advance(week: week, from: from, to: to, composed: readers.count, mailed: letters.count) else {
                    throw MusubiError.conflict("digest_sent_elsewhere")
                }
                for (member, digest) in letters {
                    try await repos.post(
                        .digest(digest), to: MailAddress(name: member.name, address: emails[member.id] ?? ""), kind: Self.outboxKind,
                        unsubscribeToken: Unsubscribing(env).token(memberID: member.id, topic: .weeklyDigest), env)
                }
            }
            round.lastMemberID = to
            round.composed += readers.count
            round.mailed += letters.count
        }
        let finished = env.now()
        try await env.persistence.write { try await $0.digests.finish(week: week, at: finished) }
        round.finishedAt = finished
        return round
    }

    /// The outbox's name for the digest's mails: the one its unsubscribe link names.
    public static let outboxKind = MailTopic.weeklyDigest.rawValue

    private func composer(until: Date) async throws -> DigestComposer {
        let tree = try await Directory(env).fieldTree()
        let sources = try await env.persistence.read { try await DigestComposer.read($0, at: until) }
        return DigestComposer(
            tree: tree, bulletins: sources.bulletins,
            readers: Dictionary(sources.readers.compactMap { reader in reader.memberID.map { ($0, reader) } }, uniquingKeysWith: { a, _ in a }),
            saved: sources.saved, preferences: sources.preferences,
            organizationNames: Dictionary(sources.organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    private func digests(for members: [Member], until: Date, composer: DigestComposer) async throws -> [WeeklyDigest] {
        let since = until.addingTimeInterval(-WeeklyDigest.period)
        let unread = try await env.persistence.read { try await $0.notifications.unread(of: members.map(\.id), since: since) }
        let suggestions = try await suggestions(for: members)
        return members.map { member in
            composer.digest(
                for: member.id, until: until, unread: (unread[member.id] ?? []).filter { $0.createdAt <= until },
                suggestions: suggestions[member.id] ?? [])
        }
    }

    /// How many members' suggestions are worked out at once: each is a few reads and a few
    /// searches of the index, and while one waits for the database another searches.
    static let suggestionWidth = 4

    private func suggestions(for members: [Member]) async throws -> [Int64: [WeeklyDigest.Suggested]] {
        try await withThrowingTaskGroup(of: (Int64, [WeeklyDigest.Suggested]).self) { group in
            var pending = members.makeIterator()
            for _ in 0..<Self.suggestionWidth {
                guard let member = pending.next() else { break }
                group.addTask { (member.id, try await suggestions(for: member)) }
            }
            var found: [Int64: [WeeklyDigest.Suggested]] = [:]
            while let (id, suggestions) = try await group.next() {
                found[id] = suggestions
                if let member = pending.next() { group.addTask { (member.id, try await self.suggestions(for: member)) } }
            }
            return found
        }
    }

    /// The member's Mix suggestions (what coordinators pinned first), with the concepts that
    /// bridge each.
    private func suggestions(for member: Member) async throws -> [WeeklyDigest.Suggested] {
        let actor = Requester.member(id: member.id, role: member.role)
        guard member.status == .active, Policy.can(actor, .list, .suggestions) else { return [] }
        // The digest names only the concepts that bridge: the shared phrases are not looked for.
        return try await Suggestions(env).mine(actor, sharedTerms: false).map { suggestion in
            let concepts = suggestion.reasons.flatMap { reason -> [MatchIndex.ConceptLabel] in
                if case .sharedConcepts(let labels) = reason { labels } else { [] }
            }
            switch suggestion.target {
            case .listing(let shown):
                return WeeklyDigest.Suggested(
                    subject: suggestion.subject, title: shown.listing.content.title, listingKind: shown.listing.content.kind, organization: "",
                    concepts: concepts)
            case .person(let person, let organization):
                return WeeklyDigest.Suggested(
                    subject: suggestion.subject, title: person.name, listingKind: nil, organization: organization ?? "", concepts: concepts)
            }
        }
    }
}
