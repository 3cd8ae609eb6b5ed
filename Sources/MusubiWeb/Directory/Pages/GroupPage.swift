import Foundation

/// One group's page: its place among the groups, its host, its members and, for those who
/// may edit it, the form to add one.
struct GroupPage: PageModel {
    var id: Int64
    var name: String
    var kind: String
    var description: String
    var parent: GroupRow?
    var subgroups: [GroupRow]
    var host: OrganizationRow?
    var fields: [String]
    var members: [GroupMemberRow]
    var canEdit: Bool
    var editHref: String
    var membersHref: String
    var removeHref: String
    var roles: [Option]

    struct GroupMemberRow {
        var member: MemberRow
        var id: Int64
        var isLead: Bool
        var role: String
    }
}
