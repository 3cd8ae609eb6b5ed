import Foundation

/// The people by account status (a tab each), with what the viewer may do to each.
struct PeoplePage: PageModel {
    var tabs: [Tab]
    var people: [PersonRow]
    var pager: Pager
    var isPending: Bool
    var isDeactivated: Bool

    struct Application {
        var email: String
        /// The organisation the applicant typed (not in the directory).
        var organizationName: String?
        var message: String
        var appliedAt: String
    }
    struct PersonRow {
        var member: MemberRow
        var approveHref: String
        var rejectHref: String
        var roleHref: String
        var deactivateHref: String
        var reactivateHref: String
        var signInLinkHref: String
        var roles: [Option]
        var canChangeRole: Bool
        var canDeactivate: Bool
        var canReactivate: Bool
        var canIssueSignInLink: Bool
        /// In the approval queue: what the applicant gave.
        var application: Application?
    }
}
