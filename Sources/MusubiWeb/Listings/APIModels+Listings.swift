import Foundation
import MusubiCore

/// A listing as the API returns it: `details` only when the caller may read them, the named
/// organisations only for those who may edit it.
struct ListingDTO: Encodable {
    var id: Int64
    var kind: ListingKind
    var title: String
    var summary: String
    var details: String?
    var fieldIds: [Int64]
    var keywords: [String]
    var partnerSectors: [Sector]
    var stage: ListingStage
    var prefectureCode: String?
    var expiresAt: Date?
    var disclosure: Disclosure
    var disclosedTo: [Int64]?
    var status: ListingStatus
    /// Only for those who may see people.
    var ownerId: Int64?
    var organizationId: Int64?
    var sector: Sector?
    var editable: Bool
    var createdAt: Date
    var updatedAt: Date

    init(_ shown: Listings.Shown, showsOwner: Bool) {
        let listing = shown.listing
        let content = listing.content
        self.id = listing.id
        self.kind = content.kind
        self.title = content.title
        self.summary = content.summary
        self.details = shown.detailsVisible ? content.details : nil
        self.fieldIds = content.fieldIDs
        self.keywords = content.keywords
        self.partnerSectors = content.partnerSectors
        self.stage = content.stage
        self.prefectureCode = content.prefectureCode
        self.expiresAt = content.expiresOn
        self.disclosure = content.disclosure
        self.disclosedTo = shown.editable ? content.disclosedTo : nil
        self.status = listing.status
        self.ownerId = showsOwner ? listing.ownerID : nil
        self.organizationId = listing.organizationID
        self.sector = listing.sector
        self.editable = shown.editable
        self.createdAt = listing.createdAt
        self.updatedAt = listing.updatedAt
    }
}

struct CandidateDTO: Encodable {
    var listing: ListingDTO
    var score: Double
    var reasons: [ReasonDTO]

    init(_ candidate: Matchmaking.Candidate, showsOwner: Bool) {
        self.listing = ListingDTO(candidate.listing, showsOwner: showsOwner)
        self.score = candidate.score
        self.reasons = candidate.reasons.map(ReasonDTO.init)
    }
}

/// Why a candidate was proposed: what kind of reason, and its values (concept labels, terms,
/// field keys or sectors), with the English labels for concepts.
struct ReasonDTO: Encodable {
    var type: String
    var values: [String]
    var valuesEn: [String]?

    init(_ reason: MatchIndex.Reason) {
        switch reason {
        case .sharedConcepts(let labels): (type, values, valuesEn) = ("sharedConcepts", labels.map(\.ja), labels.map(\.en))
        case .relatedConcepts(let labels): (type, values, valuesEn) = ("relatedConcepts", labels.map(\.ja), labels.map(\.en))
        case .sharedTerms(let terms): (type, values) = ("sharedTerms", terms)
        case .sameField(let key): (type, values) = ("sameField", [key])
        case .bridgesFields(let from, let to): (type, values) = ("bridgesFields", [from, to])
        case .complementarySectors(let mine, let theirs): (type, values) = ("complementarySectors", [mine.rawValue, theirs.rawValue])
        }
    }
}

struct ListingInput: Decodable {
    var kind: ListingKind
    var title: String
    var summary: String
    var details: String?
    var fieldIds: [Int64]?
    var keywords: [String]?
    var partnerSectors: [Sector]?
    var stage: ListingStage?
    var prefectureCode: String?
    /// The last day it is listed, as 2026-12-31.
    var expiresOn: String?
    var disclosure: Disclosure?
    var disclosedTo: [Int64]?
}

struct ListingStatusInput: Decodable { var status: ListingStatus }
