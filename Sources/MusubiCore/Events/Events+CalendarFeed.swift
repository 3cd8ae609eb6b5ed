import Foundation

/// Each member's private calendar feed: an address with a secret key (shown once, replaced
/// or taken back at will) that calendar programs read without signing in. It holds the events
/// the member registered for or waits for, and those of their fields they may see.
extension Events {
    /// How far back the feed reaches, and how many events it holds at most.
    public static let feedWindow = (days: 90.0, events: 500)

    /// A new key for the member's feed (the one before stops working); give it to them once.
    public func issueFeed(_ actor: Requester) async throws -> String {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        let key = env.secrets.newSecret()
        let now = env.now()
        try await env.persistence.write { try await $0.events.saveFeed(memberID: me, keyDigest: env.secrets.digest(key), at: now) }
        return key
    }

    public func revokeFeed(_ actor: Requester) async throws {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        try await env.persistence.write { try await $0.events.removeFeed(memberID: me) }
    }

    public func hasFeed(_ actor: Requester) async throws -> Bool {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        return try await env.persistence.read { try await $0.events.hasFeed(memberID: me) }
    }

    /// The feed a key opens, read as its owner would see the events; nil for a key that is
    /// not (or no longer) anyone's, or whose owner may no longer sign in.
    public func feed(key: String) async throws -> [Event]? {
        let now = env.now()
        let tree = try await Directory(env).fieldTree()
        return try await env.persistence.read { repos -> [Event]? in
            guard !key.isEmpty, let owner = try await repos.events.feedOwner(keyDigest: env.secrets.digest(key)),
                let member = try await repos.members.find(id: owner), member.status == .active
            else { return nil }
            let reader = Requester.member(id: member.id, role: member.role)
            let visibilities = EventVisibility.allCases.filter {
                $0 != .invited && Policy.can(reader, .view, .event(EventAccess(visibility: $0, invited: false)))
            }
            return try await repos.events.calendar(
                memberID: member.id, fieldIDs: member.fieldIDs.flatMap(tree.subtree(of:)), visibilities: visibilities,
                since: now.addingTimeInterval(-Self.feedWindow.days * 86_400), limit: Self.feedWindow.events)
        }
    }
}
