import Foundation

/// Hands a notice to the people it is for, inside the transaction of the change it tells of:
/// a row on each reader's bell, and a letter in the outbox for those who want it by mail.
/// Nobody is notified of what they did themselves, nor reached in a way they turned off.
struct Notifier {
    let env: CoreEnvironment

    /// Notifies `memberIDs` (the actor left out); gives whose bells changed, for the live hub.
    /// Only active people are reached, unless `reachingInactive` (an applicant told that they
    /// were declined).
    @discardableResult
    func notify(_ notice: Notice, to memberIDs: some Sequence<Int64>, _ repos: any Repositories, reachingInactive: Bool = false) async throws
        -> Set<Int64>
    {
        var ids = Set(memberIDs)
        if let actor = notice.actorID { ids.remove(actor) }
        guard !ids.isEmpty else { return [] }
        let now = env.now()
        let reached = try await repos.notifications.recipients(Array(ids), kind: notice.kind).filter {
            $0.delivery != .off && (reachingInactive || $0.status == .active)
        }
        guard !reached.isEmpty else { return [] }
        try await repos.notifications.insert(notice, for: reached.map(\.memberID), at: now)
        let mailed = reached.filter { $0.delivery == .mail }
        if !mailed.isEmpty {
            let actorName = try await notice.actorID.asyncMap { try await repos.members.names(of: [$0])[$0] ?? "" } ?? ""
            for recipient in mailed {
                try await repos.post(
                    .notice(notice, actorName: actorName), to: MailAddress(name: recipient.name, address: recipient.email),
                    kind: notice.kind.rawValue, unsubscribeToken: Unsubscribing(env).token(memberID: recipient.memberID, topic: .kind(notice.kind)),
                    env)
            }
        }
        return Set(reached.map(\.memberID))
    }
}

/// What a mail's one-click link stops: one kind of notification, or the weekly digest.
public enum MailTopic: Sendable, Equatable {
    case kind(NotificationKind)
    case weeklyDigest

    /// The kind's name, or `weekly_digest`.
    public var rawValue: String {
        switch self {
        case .kind(let kind): kind.rawValue
        case .weeklyDigest: "weekly_digest"
        }
    }

    public init?(rawValue: String) {
        if rawValue == "weekly_digest" {
            self = .weeklyDigest
        } else if let kind = NotificationKind(rawValue: rawValue) {
            self = .kind(kind)
        } else {
            return nil
        }
    }
}

/// The one-click link in every mail that can be turned off: its token names the person and
/// the topic, and is signed with the installation's key, so that it works without signing in
/// and cannot be made for someone else.
struct Unsubscribing {
    let env: CoreEnvironment

    init(_ env: CoreEnvironment) { self.env = env }

    func token(memberID: Int64, topic: MailTopic) -> String {
        "\(memberID).\(topic.rawValue).\(signature(memberID: memberID, topic: topic))"
    }

    /// The person and topic a token names, when its signature is right.
    func verify(_ token: String) -> (memberID: Int64, topic: MailTopic)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let memberID = Int64(parts[0]), let topic = MailTopic(rawValue: String(parts[1])),
            Self.same(String(parts[2]), signature(memberID: memberID, topic: topic))
        else { return nil }
        return (memberID, topic)
    }

    private func signature(memberID: Int64, topic: MailTopic) -> String {
        String(env.secrets.digest("unsubscribe:\(memberID):\(topic.rawValue)").prefix(32))
    }

    /// Compares in time that does not depend on where they differ.
    private static func same(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
