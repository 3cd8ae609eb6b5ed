import Foundation

/// The coordinators' form to create or edit a group.
struct GroupFormPage: PageModel {
    var action: String
    var isNew: Bool
    var values: [String: String]
    var errors: [String: String]
    var kinds: [Option]
    var parents: [Option]
    var hosts: [Option]
    var fields: [Option]
}
