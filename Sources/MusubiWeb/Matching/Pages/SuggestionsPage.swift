import Foundation

/// Mix suggestions: a member's weekly digest, or for coordinators the whole community's,
/// with the forms that pin a suggestion for a member.
struct SuggestionsPage: PageModel {
    var week: String
    var suggestions: [MatchRow]
    var isCoordinator: Bool
    var showsCommunity: Bool
    var mineHref: String
    var communityHref: String
    var community: [CommunityRow]
    /// What coordinators pinned, for whom.
    var pinned: [CommunityRow]
    var pinAction: String
    var errors: [String: String]

    /// A member and the best suggestion for them, with the form that pins it.
    struct CommunityRow {
        var memberName: String
        var memberHref: String
        var memberID: Int64
        var subjectKind: String
        var subjectID: Int64
        var suggestion: MatchRow
    }
}
