import Foundation

/// What a bulletin (お知らせ) brings: the coordinator's "regular information".
public enum BulletinKind: String, Sendable, CaseIterable, Codable {
    /// 知財情報.
    case ipInformation = "ip_information"
    /// 技術トピック.
    case technologyTopic = "technology_topic"
    /// 公募・補助金: with a funder, an amount, eligibility and a deadline.
    case fundingCall = "funding_call"
    /// A seminar or event notice.
    case eventNotice = "event_notice"
    /// A notice of the network itself.
    case networkNotice = "network_notice"
}

/// Who may read a bulletin: anyone (also in the public feeds), or members only.
public enum BulletinVisibility: String, Sendable, CaseIterable, Codable {
    case `public`, members
}

/// The members a bulletin is for, beyond its visibility: those of some sectors, fields or
/// study groups (any of them). Empty: all members. Coordinators read every bulletin.
public struct BulletinTargets: Sendable, Equatable, Codable {
    public var sectors: [Sector]
    public var fieldIDs: [Int64]
    public var groupIDs: [Int64]

    public init(sectors: [Sector] = [], fieldIDs: [Int64] = [], groupIDs: [Int64] = []) {
        self.sectors = sectors
        self.fieldIDs = fieldIDs
        self.groupIDs = groupIDs
    }

    public var isEmpty: Bool { sectors.isEmpty && fieldIDs.isEmpty && groupIDs.isEmpty }
}

/// What a funding call (公募・補助金) adds to a bulletin.
public struct FundingDetails: Sendable, Equatable, Codable {
    /// Who funds it: an organisation of the directory, or a name.
    public var funderOrganizationID: Int64?
    public var funderName: String
    public var programme: String
    /// In yen; either may be unknown.
    public var amountMin: Int64?
    public var amountMax: Int64?
    /// Who may apply, in words (size, region…), and the sectors it names.
    public var eligibility: String
    public var eligibleSectors: [Sector]
    public var opensOn: Date?
    /// The last moment to apply.
    public var deadline: Date
    public var link: String

    public init(
        funderOrganizationID: Int64? = nil, funderName: String = "", programme: String = "", amountMin: Int64? = nil, amountMax: Int64? = nil,
        eligibility: String = "", eligibleSectors: [Sector] = [], opensOn: Date? = nil, deadline: Date, link: String = ""
    ) {
        self.funderOrganizationID = funderOrganizationID
        self.funderName = funderName
        self.programme = programme
        self.amountMin = amountMin
        self.amountMax = amountMax
        self.eligibility = eligibility
        self.eligibleSectors = eligibleSectors
        self.opensOn = opensOn
        self.deadline = deadline
        self.link = link
    }
}

/// What a coordinator writes.
public struct BulletinDraft: Sendable, Equatable {
    public var kind: BulletinKind
    public var title: String
    /// The exchange's safe markup.
    public var body: String
    /// What it is about, for "bulletins for your fields".
    public var fieldIDs: [Int64]
    public var visibility: BulletinVisibility
    public var targets: BulletinTargets
    /// When it appears; now when nil.
    public var publishAt: Date?
    /// When it leaves the lists.
    public var expiresAt: Date?
    public var pinned: Bool
    /// Present exactly for a funding call.
    public var funding: FundingDetails?
    /// A public channel where its discussion thread is opened, if any.
    public var discussIn: Int64?

    public init(
        kind: BulletinKind, title: String, body: String, fieldIDs: [Int64] = [], visibility: BulletinVisibility = .members,
        targets: BulletinTargets = .init(), publishAt: Date? = nil, expiresAt: Date? = nil, pinned: Bool = false, funding: FundingDetails? = nil,
        discussIn: Int64? = nil
    ) {
        self.kind = kind
        self.title = title
        self.body = body
        self.fieldIDs = fieldIDs
        self.visibility = visibility
        self.targets = targets
        self.publishAt = publishAt
        self.expiresAt = expiresAt
        self.pinned = pinned
        self.funding = funding
        self.discussIn = discussIn
    }
}

/// A bulletin as stored.
public struct Bulletin: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var kind: BulletinKind
    public var title: String
    public var body: String
    public var fieldIDs: [Int64]
    public var visibility: BulletinVisibility
    public var targets: BulletinTargets
    public var publishAt: Date
    public var expiresAt: Date?
    public var pinned: Bool
    public var funding: FundingDetails?
    public var authorID: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    /// When its readers were notified (it is announced once, when it appears).
    public var announcedAt: Date?
    /// Its discussion thread: the message that opened it.
    public var discussionMessageID: Int64?

    public init(
        id: Int64, kind: BulletinKind, title: String, body: String, fieldIDs: [Int64], visibility: BulletinVisibility, targets: BulletinTargets,
        publishAt: Date, expiresAt: Date?, pinned: Bool, funding: FundingDetails?, authorID: Int64?, createdAt: Date, updatedAt: Date,
        announcedAt: Date?, discussionMessageID: Int64?
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.fieldIDs = fieldIDs
        self.visibility = visibility
        self.targets = targets
        self.publishAt = publishAt
        self.expiresAt = expiresAt
        self.pinned = pinned
        self.funding = funding
        self.authorID = authorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.announcedAt = announcedAt
        self.discussionMessageID = discussionMessageID
    }

    /// Appeared and not yet expired.
    public func isCurrent(at now: Date) -> Bool { publishAt <= now && (expiresAt.map { now < $0 } ?? true) }

    /// Its first words as plain text, for lists, feeds and notifications.
    public var excerpt: String { Notice.excerpt(of: MessageText.plain(body, names: [:])) }

    /// A funding call still taking applications.
    public func isOpen(at now: Date) -> Bool { funding.map { now <= $0.deadline } ?? false }
}
