import Foundation

/// The coordinators' form to add or edit an organisation.
struct OrganizationFormPage: PageModel {
    var action: String
    var isNew: Bool
    var values: [String: String]
    var errors: [String: String]
    var sectors: [Option]
    var prefectures: [Option]
    var fields: [Option]
}
