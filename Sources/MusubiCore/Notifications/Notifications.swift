import Foundation

/// A person's notifications: the bell's count, the list, marking read, and how each kind
/// reaches them (also from a mail's one-click link, without signing in).
public struct Notifications: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public func list(_ actor: Requester, unreadOnly: Bool = false, page: PageRequest = .init()) async throws -> Page<MemberNotification> {
        let me = try owner(actor, .view)
        return try await env.persistence.read { try await $0.notifications.list(memberID: me, unreadOnly: unreadOnly, page: page) }
    }

    /// The bell's count; nil for a visitor, who has no bell.
    public func unreadCount(_ actor: Requester) async throws -> Int? {
        guard let me = actor.memberID else { return nil }
        return try await env.persistence.read { try await $0.notifications.unreadCount(memberID: me) }
    }

    /// Marks the named notifications read (only the actor's own), or all of them when `ids`
    /// is nil; gives how many changed.
    @discardableResult
    public func markRead(_ actor: Requester, ids: [Int64]? = nil) async throws -> Int {
        let me = try owner(actor, .edit)
        if let ids, ids.isEmpty { return 0 }
        let changed = try await env.persistence.write { [now = env.now()] in try await $0.notifications.markRead(memberID: me, ids: ids, at: now) }
        if changed > 0 { await env.exchangeEvents.notificationsChanged(memberIDs: [me]) }
        return changed
    }

    /// How each kind reaches the actor: their choice, or the kind's default.
    public func preferences(_ actor: Requester) async throws -> [(kind: NotificationKind, delivery: NotificationDelivery)] {
        let me = try owner(actor, .view)
        let chosen = try await env.persistence.read { try await $0.notifications.preferences(memberID: me) }
        return NotificationKind.allCases.map { ($0, chosen[$0] ?? $0.defaultDelivery) }
    }

    public func setPreferences(_ actor: Requester, _ choices: [NotificationKind: NotificationDelivery]) async throws {
        let me = try owner(actor, .edit)
        try await env.persistence.write { repos in
            for (kind, delivery) in choices.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await repos.notifications.setPreference(memberID: me, kind: kind, delivery: delivery)
            }
        }
    }

    /// Whether the actor gets the weekly digest.
    public func wantsDigest(_ actor: Requester) async throws -> Bool {
        let me = try owner(actor, .view)
        return try await env.persistence.read { try await $0.notifications.wantsDigest(memberID: me) }
    }

    public func setWantsDigest(_ actor: Requester, _ wanted: Bool) async throws {
        let me = try owner(actor, .edit)
        try await env.persistence.write { try await $0.notifications.setWantsDigest(memberID: me, wanted) }
    }

    /// What a mail's unsubscribe link stops, when the link is genuine.
    public func unsubscribeLink(_ token: String) throws -> MailTopic {
        guard let (_, topic) = Unsubscribing(env).verify(token) else { throw MusubiError.notFound }
        return topic
    }

    /// Stops the mail the link is about for its person: a kind's mail (what came by mail, at
    /// once or in the digest, stays on the bell), or the weekly digest. Gives the topic.
    @discardableResult
    public func unsubscribe(_ token: String) async throws -> MailTopic {
        guard let (memberID, topic) = Unsubscribing(env).verify(token) else { throw MusubiError.notFound }
        try await env.persistence.write { repos in
            switch topic {
            case .weeklyDigest:
                try await repos.notifications.setWantsDigest(memberID: memberID, false)
            case .kind(let kind):
                let current = try await repos.notifications.preferences(memberID: memberID)[kind] ?? kind.defaultDelivery
                guard current == .mail || current == .digest else { return }
                try await repos.notifications.setPreference(memberID: memberID, kind: kind, delivery: .inApp)
            }
        }
        return topic
    }

    private func owner(_ actor: Requester, _ action: Action) throws -> Int64 {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        try Policy.require(actor, action, .notifications(ownerID: me))
        return me
    }
}
