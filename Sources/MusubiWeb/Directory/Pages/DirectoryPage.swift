import Foundation
import Mustache

/// The people or the organisations directory (`isMembers` says which): filters, cards and
/// a pager.
struct DirectoryPage: PageModel {
    var q: String
    var municipality: String
    /// Rendered `<option>` lists (Views.renderedOptions).
    var sectors: String
    var fields: String
    var prefectures: String
    /// Rendered cards (Views.cards).
    var members: [String]
    var organizations: [String]
    var pager: Pager
    var action: String
    var isMembers: Bool
    var canCreate: Bool
    var newOrganizationHref: String
}

// Answers Mustache's lookups directly, as the rows in Views+Mustache do: reflecting with
// `Mirror` for every tag was the larger part of rendering a directory page
// (docs/benchmarks.md). A property added above must be added here too, or the template
// sees nothing for it.
extension DirectoryPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "q": self.q
        case "municipality": self.municipality
        case "sectors": self.sectors
        case "fields": self.fields
        case "prefectures": self.prefectures
        case "members": self.members
        case "organizations": self.organizations
        case "pager": self.pager
        case "action": self.action
        case "isMembers": self.isMembers
        case "canCreate": self.canCreate
        case "newOrganizationHref": self.newOrganizationHref
        default: nil
        }
    }
}
