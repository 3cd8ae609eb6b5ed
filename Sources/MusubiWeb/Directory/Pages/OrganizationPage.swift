import Foundation

/// One organisation's page: what it is, its people and its groups.
struct OrganizationPage: PageModel {
    var organization: OrganizationRow
    var nameKana: String
    /// Nil without one: Mustache shows an empty string as if it were there.
    var website: String?
    /// Rendered cards (Views.cards).
    var members: [String]
    var groups: [GroupRow]
    /// Its open seeds and needs the reader may see.
    var listings: [ListingRow]
    var listingsHref: String
    var moreListings: Bool
    var seesPeople: Bool
    var canEdit: Bool
    var editHref: String
}
