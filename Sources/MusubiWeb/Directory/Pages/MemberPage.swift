import Foundation

/// One person's page: their profile, groups and, for those who may see people, their
/// match candidates.
struct MemberPage: PageModel {
    var id: Int64
    var name: String
    var nameKana: String
    var title: String
    var organization: OrganizationRow?
    var role: String
    var email: String?
    var keywords: [String]
    var fields: [String]
    var offer: String
    var seeking: String
    var languages: [String]
    var groups: [GroupRow]
    var isSelf: Bool
    var joined: String
    var status: String?
    var introductionHref: String?
    /// Where a direct conversation with them opens (or is created): for other people who
    /// may start one.
    var messageAction: String?
    /// The person's match candidates, for those who may see people.
    var matches: Matches?

    struct Matches {
        var listings: [MatchRow]
        var people: [MatchRow]
    }
}
