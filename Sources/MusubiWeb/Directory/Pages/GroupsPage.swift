import Foundation

/// Every group, with its subgroups.
struct GroupsPage: PageModel {
    var groups: [GroupRow]
    var canCreate: Bool
}
