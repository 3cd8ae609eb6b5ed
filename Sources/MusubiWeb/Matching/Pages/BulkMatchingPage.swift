import Foundation

/// Bulk matching: the form to upload or paste a batch of needs, and the best seeds found
/// for each.
struct BulkMatchingPage: PageModel {
    var top: Int
    var errors: [String: String]
    var problems: [String]
    var results: [Result]?

    struct Result {
        var id: String
        var title: String
        var seeds: [MatchRow]
    }
}
