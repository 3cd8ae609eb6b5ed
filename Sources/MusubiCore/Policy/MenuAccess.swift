/// Which parts of the site the menu offers a person: each entry is there exactly when the
/// policy lets them in, so the menu never shows a door that answers "no".
public struct MenuAccess: Sendable, Equatable {
    /// The directory of people and groups, and mix suggestions.
    public var directory: Bool
    /// The approval queue and the people's administration.
    public var people: Bool
    public var invitations: Bool
    /// The concept dictionary the matching engine uses.
    public var conceptDictionary: Bool
    /// The funnel and bulk matching.
    public var matchingTools: Bool
    public var auditLog: Bool
    /// Bringing a Slack workspace's history in.
    public var migration: Bool
    /// Downloading the whole community as one archive.
    public var communityArchive: Bool
    /// The mail outbox.
    public var mailOutbox: Bool
    /// Publishing bulletins.
    public var publishBulletins: Bool
    /// The community dashboard.
    public var dashboard: Bool

    public init(for requester: Requester) {
        directory = Policy.can(requester, .list, .members)
        people = Policy.can(requester, .list, .applications)
        invitations = Policy.can(requester, .invite(.member), .members)
        conceptDictionary = Policy.can(requester, .view, .conceptDictionary)
        matchingTools = Policy.can(requester, .view, .matchingTools)
        auditLog = Policy.can(requester, .read, .auditLog)
        migration = Policy.can(requester, .create, .migration)
        communityArchive = Policy.can(requester, .read, .communityArchive)
        mailOutbox = Policy.can(requester, .read, .mailOutbox)
        publishBulletins = Policy.can(requester, .create, .bulletins)
        dashboard = Policy.can(requester, .view, .dashboard)
    }
}
