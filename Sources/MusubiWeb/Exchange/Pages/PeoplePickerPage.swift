import Foundation

/// A search for people and a list to tick them in: for a direct conversation, or to
/// invite people to a channel.
struct PeoplePickerPage: PageModel {
    var heading: String
    var lead: String
    var action: String
    var searchAction: String
    var term: String
    var people: [Person]
    var submit: String
    var errors: [String: String]

    struct Person {
        var id: Int64
        var name: String
        var organization: String
        var testID: String
    }
}
