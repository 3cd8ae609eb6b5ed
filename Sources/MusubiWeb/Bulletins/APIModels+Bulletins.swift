import Foundation
import MusubiCore

/// A bulletin as the API returns it.
struct BulletinDTO: Encodable {
    struct TargetsDTO: Encodable {
        var sectors: [Sector]
        var fieldIds: [Int64]
        var groupIds: [Int64]
    }

    struct FundingDTO: Encodable {
        var funderOrganizationId: Int64?
        var funderName: String
        var programme: String
        var amountMin: Int64?
        var amountMax: Int64?
        var eligibility: String
        var eligibleSectors: [Sector]
        var opensOn: Date?
        var deadline: Date
        var link: String
    }

    var id: Int64
    var kind: BulletinKind
    var title: String
    var body: String
    var fieldIds: [Int64]
    var visibility: BulletinVisibility
    var targets: TargetsDTO
    var publishAt: Date
    var expiresAt: Date?
    var pinned: Bool
    var funding: FundingDTO?
    var current: Bool
    var saved: Bool
    var discussionMessageId: Int64?
    var createdAt: Date
    var updatedAt: Date

    init(_ shown: Bulletins.Shown) {
        let bulletin = shown.bulletin
        id = bulletin.id
        kind = bulletin.kind
        title = bulletin.title
        body = bulletin.body
        fieldIds = bulletin.fieldIDs
        visibility = bulletin.visibility
        targets = TargetsDTO(sectors: bulletin.targets.sectors, fieldIds: bulletin.targets.fieldIDs, groupIds: bulletin.targets.groupIDs)
        publishAt = bulletin.publishAt
        expiresAt = bulletin.expiresAt
        pinned = bulletin.pinned
        funding = bulletin.funding.map {
            FundingDTO(
                funderOrganizationId: $0.funderOrganizationID, funderName: $0.funderName, programme: $0.programme, amountMin: $0.amountMin,
                amountMax: $0.amountMax, eligibility: $0.eligibility, eligibleSectors: $0.eligibleSectors, opensOn: $0.opensOn,
                deadline: $0.deadline, link: $0.link)
        }
        current = shown.isCurrent
        saved = shown.saved
        discussionMessageId = bulletin.discussionMessageID
        createdAt = bulletin.createdAt
        updatedAt = bulletin.updatedAt
    }
}

struct BulletinInput: Decodable {
    struct FundingInput: Decodable {
        var funderOrganizationId: Int64?
        var funderName: String?
        var programme: String?
        var amountMin: Int64?
        var amountMax: Int64?
        var eligibility: String?
        var eligibleSectors: [Sector]?
        /// A day, as 2026-12-31.
        var opensOn: String?
        /// RFC 3339.
        var deadline: String
        var link: String?
    }

    var kind: BulletinKind
    var title: String
    var body: String
    var fieldIds: [Int64]?
    var visibility: BulletinVisibility?
    var targetSectors: [Sector]?
    var targetFieldIds: [Int64]?
    var targetGroupIds: [Int64]?
    /// RFC 3339; now when absent.
    var publishAt: String?
    var expiresAt: String?
    var pinned: Bool?
    var funding: FundingInput?
    var discussIn: Int64?
}
