import Foundation

/// A seed (シーズ: a technology, know-how, equipment or research result on offer) or a need
/// (ニーズ: a problem, something sought). Everyone allowed sees the summary; the details are
/// for those the disclosure level admits.
public struct Listing: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var ownerID: Int64
    /// The owner's organisation when the listing was posted.
    public var organizationID: Int64?
    /// The sector of that organisation: who offers or seeks.
    public var sector: Sector?
    public var content: ListingDraft
    public var status: ListingStatus
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, ownerID: Int64, organizationID: Int64?, sector: Sector?, content: ListingDraft, status: ListingStatus,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.ownerID = ownerID
        self.organizationID = organizationID
        self.sector = sector
        self.content = content
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Who may read what of it, for the policy.
    public var audience: ListingAudience {
        ListingAudience(ownerID: ownerID, disclosure: content.disclosure, organizationIDs: Set(content.disclosedTo))
    }

    public func isExpired(at now: Date) -> Bool {
        content.expiresOn.map { $0 <= now } ?? false
    }

    /// Whether someone may still ask to be introduced to its owner about it: it is open or
    /// under discussion, and has not expired.
    public func takesIntroductionRequests(at now: Date) -> Bool {
        [.open, .inDiscussion].contains(status) && !isExpired(at: now)
    }
}

public enum ListingKind: String, Codable, Sendable, CaseIterable {
    case seed, need
}

/// How far along what is offered or sought is.
public enum ListingStage: String, Codable, Sendable, CaseIterable {
    case idea, research, prototype, demonstration, market
}

public enum ListingStatus: String, Codable, Sendable, CaseIterable {
    case open
    case inDiscussion = "in_discussion"
    case matched, closed
}

/// Who may read a listing's details. The summary is shown to every member (and, for a
/// public listing, to visitors).
public enum Disclosure: String, Codable, Sendable, CaseIterable {
    /// Also to visitors, on the public pages.
    case `public`
    case members
    case coordinators
    /// The organisations named in `disclosedTo`, and coordinators.
    case organizations
}

/// The part of a listing its owner writes.
public struct ListingDraft: Codable, Sendable, Equatable {
    public var kind: ListingKind
    public var title: String
    public var summary: String
    public var details: String
    public var fieldIDs: [Int64]
    public var keywords: [String]
    /// The sectors sought as partners.
    public var partnerSectors: [Sector]
    public var stage: ListingStage
    /// A prefecture (JIS code, 01–47), or nil for anywhere.
    public var prefectureCode: String?
    public var expiresOn: Date?
    public var disclosure: Disclosure
    /// The organisations that may read the details when `disclosure` is `.organizations`.
    public var disclosedTo: [Int64]

    public init(
        kind: ListingKind, title: String, summary: String, details: String = "", fieldIDs: [Int64] = [], keywords: [String] = [],
        partnerSectors: [Sector] = [], stage: ListingStage = .research, prefectureCode: String? = nil, expiresOn: Date? = nil,
        disclosure: Disclosure = .members, disclosedTo: [Int64] = []
    ) {
        self.kind = kind
        self.title = title
        self.summary = summary
        self.details = details
        self.fieldIDs = fieldIDs
        self.keywords = keywords
        self.partnerSectors = partnerSectors
        self.stage = stage
        self.prefectureCode = prefectureCode
        self.expiresOn = expiresOn
        self.disclosure = disclosure
        self.disclosedTo = disclosedTo
    }
}

/// Who a listing is for: its owner, its disclosure level and the organisations it names.
public struct ListingAudience: Sendable, Equatable, Hashable {
    public var ownerID: Int64
    public var disclosure: Disclosure
    public var organizationIDs: Set<Int64>

    public init(ownerID: Int64, disclosure: Disclosure, organizationIDs: Set<Int64> = []) {
        self.ownerID = ownerID
        self.disclosure = disclosure
        self.organizationIDs = organizationIDs
    }
}
