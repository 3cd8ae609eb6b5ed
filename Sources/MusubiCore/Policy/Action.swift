/// What an actor wants to do.
public enum Action: Sendable, Equatable, Hashable {
    case view
    case list
    case create
    case edit
    case approve
    case assignRole(Role)
    case deactivate
    case reactivate
    case invite(Role)
    /// Give an existing person a one-time link to set a password.
    case issueSignInLink
    case read
    /// Read a listing's details; whether the viewer's organisation is named matters.
    case readDetails(viewerOrganization: Int64?)
    /// Accept or refuse an introduction a coordinator passed on.
    case respond
    /// See the other side's contact details.
    case readContact
    /// Write in a channel: post, reply, react.
    case post
    /// Take a seat in a channel, or give it up.
    case join
    case leave
    /// Remove a message (leaving a tombstone).
    case delete
    /// Settings only admins touch, such as a channel's retention period.
    case configure
}

/// What the action is done to.
public enum Resource: Sendable, Equatable, Hashable {
    /// The home page with community numbers.
    case home
    /// The directory of people.
    case members
    /// One person; their role matters for who may manage them.
    case member(id: Int64, role: Role)
    /// The directory of organisations.
    case organizations
    case organization(id: Int64)
    case groups
    case group(id: Int64)
    /// The queue of visitors who applied and wait for approval.
    case applications
    case auditLog
    /// A person's own settings: profile, password, API tokens.
    case account(ownerID: Int64)
    /// Seeds and needs: browsing, and posting one.
    case listings
    /// One seed or need.
    case listing(ListingAudience)
    /// Introductions: asking for one, and the coordinators' queue.
    case introductions
    /// One introduction.
    case introduction(IntroductionAudience)
    /// The concepts the matching engine knows, which coordinators extend.
    case conceptDictionary
    /// Mix suggestions: each member's own (list); the whole community's, and pinning one
    /// for a member (coordinators: view, edit).
    case suggestions
    /// The matching funnel and bulk matching of uploaded needs (coordinators).
    case matchingTools
    /// The exchange: browsing public channels, opening a channel or a direct conversation.
    case channels
    /// One channel, as the person asking stands to it.
    case channel(ChannelAccess)
    /// One message in a channel.
    case message(authorID: Int64?, in: ChannelAccess)
    /// Bringing another system's history in (a Slack export).
    case migration
    /// The whole community as one archive file (read: download it).
    case communityArchive
    /// Bulletins and funding calls: reading (each one's audience decides which), publishing
    /// and editing (coordinators), saving a call (respond: members).
    case bulletins
    /// A person's own notifications and how they reach them.
    case notifications(ownerID: Int64)
    /// The mail the installation sends: what waits, what went, what failed (read; edit: try
    /// a failed one again).
    case mailOutbox
    /// Events: listing them (anyone), creating, changing and inviting to them (coordinators).
    case events
    /// One event, as the person asking stands to it (view it; join: register for it).
    case event(EventAccess)
    /// A meeting's minutes (view), as their visibility and the person's part in the meeting
    /// admit.
    case minutes(MinutesAccess)
    /// The community dashboard: its charts (view: coordinators), its target and whether its
    /// summary is public (edit: admins).
    case dashboard
}
