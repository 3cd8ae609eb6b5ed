import Foundation

/// One listing, its files, and its match candidates with the reasons for each.
struct ListingPage: PageModel {
    var listing: ListingRow
    var details: String
    var detailsVisible: Bool
    var stage: String
    var place: String
    var partnerSectors: [String]
    var disclosure: String
    var disclosedTo: [String]
    var owner: String?
    var ownerHref: String
    var organization: String?
    var organizationHref: String
    var posted: String
    var updated: String
    var editable: Bool
    var editHref: String
    var statusAction: String
    var statuses: [Option]
    var candidatesTitle: String
    var candidates: [MatchRow]
    var peopleTitle: String
    var people: [MatchRow]
    /// Where to ask for an introduction to the owner, when the viewer may.
    var introductionHref: String?
    var attachments: [AttachmentRow]
    /// Where the owner uploads a file; nil for others.
    var attachAction: String?
    var attachmentError: String?

    struct AttachmentRow {
        var filename: String
        var href: String
        var size: String
        var removeAction: String?
    }
}
