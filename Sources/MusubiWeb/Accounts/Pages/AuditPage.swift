import Foundation

/// The audit log, filtered by who, what and when.
struct AuditPage: PageModel {
    var entries: [Entry]
    var actions: [Option]
    /// The people who appear in the log as actors, by name.
    var actors: [Option]
    var since: String
    var until: String
    var pager: Pager

    struct Entry {
        var at: String
        var actor: String
        var actorHref: String
        var action: String
        var subject: String
        var subjectHref: String
        var detail: String
    }
}

/// What an audit entry is about, and where that is shown.
enum AuditSubject: String, CaseIterable {
    case member, organization, group, listing, introduction, channel, bulletin, invitation, concept, `import`, mail, community, dashboard

    func path(_ id: Int64) -> String? {
        switch self {
        case .member: Paths.member.href(id)
        case .organization: Paths.organization.href(id)
        case .group: Paths.group.href(id)
        case .listing: Paths.listing.href(id)
        case .introduction: Paths.introduction.href(id)
        case .channel: Paths.channel.href(id)
        case .bulletin: Paths.bulletin.href(id)
        case .invitation, .concept, .import, .mail, .community, .dashboard: nil
        }
    }
}
