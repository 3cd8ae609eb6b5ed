import Foundation

/// The form to post a seed or a need, or to edit one.
struct ListingFormPage: PageModel {
    var action: String
    var isNew: Bool
    var values: [String: String]
    var errors: [String: String]
    var kinds: [Option]
    var stages: [Option]
    var disclosures: [Option]
    var partnerSectors: [Option]
    var prefectures: [Option]
    var fields: [Option]
    var organizations: [Option]
}
