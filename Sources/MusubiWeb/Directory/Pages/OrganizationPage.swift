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
    var seesPeople: Bool
    var canEdit: Bool
    var editHref: String
}
