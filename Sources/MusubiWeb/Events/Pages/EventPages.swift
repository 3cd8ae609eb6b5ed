import Foundation

/// Upcoming or past events the reader may see.
struct EventsPage: PageModel {
    var tabs: [Tab]
    var kinds: [Option]
    var upcoming: Bool
    var rows: [EventRow]
    var newHref: String?
    var pager: Pager
}

/// An event in a list.
struct EventRow {
    var title: String
    var href: String
    var kind: String
    var when: String
    var place: String?
    var cancelled: Bool
    var testID: String
}

/// One event: what, when and where, how many have a place, and the reader's registration.
struct EventPage: PageModel {
    var title: String
    var kind: String
    var when: String
    var venue: String?
    var address: String?
    /// Shown only to those with a place.
    var onlineURL: String?
    var description: String?
    var visibility: String
    var capacity: String?
    var counts: String
    var status: String?
    var waitlisted: Bool
    var registerAction: String?
    var cancelAction: String?
    var closed: Bool
    var cancelled: Bool
    var calendarHref: String
    var errors: [String: String]
}

/// A coordinator's form for a new event.
struct EventFormPage: PageModel {
    var action: String
    var values: [String: String]
    var allDay: Bool
    var kinds: [Option]
    var visibilities: [Option]
    var prefectures: [Option]
    var errors: [String: String]
}
