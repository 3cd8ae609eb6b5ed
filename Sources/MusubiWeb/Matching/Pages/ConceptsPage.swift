import Foundation

/// The matching engine's concept dictionary: the concepts added here, the bundled ones,
/// and the form to add a concept or more words for one.
struct ConceptsPage: PageModel {
    var added: [Row]
    var bundled: [Row]
    /// Every concept's label, suggested as related concepts are typed.
    var names: [String]
    var values: [String: String]
    var errors: [String: String]

    struct Row {
        var key: String
        var label: String
        var terms: String
        var related: String
        var removeHref: String
    }
}
