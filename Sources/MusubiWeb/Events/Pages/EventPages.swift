import Foundation
import Mustache

/// Upcoming or past events the reader may see.
struct EventsPage: PageModel {
    var tabs: [Tab]
    var kinds: [Option]
    var fields: [Option]
    var prefectures: [Option]
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
    /// `1組織 2 名まで`.
    var perOrganization: String?
    var counts: String
    var status: String?
    var waitlisted: Bool
    var registerAction: String?
    var cancelAction: String?
    var closed: Bool
    var cancelled: Bool
    var calendarHref: String
    /// The reader's ticket, with a place.
    var ticketHref: String?
    /// The check-in page and who came, for coordinators.
    var doorHref: String?
    var attendanceHref: String
    /// The meeting's minutes, to those who may read them (and coordinators, to write them).
    var minutesHref: String?
    /// Changing it and calling it off, for coordinators.
    var editHref: String?
    var callOffAction: String?
    /// The form for a place without an account, for public events that welcome visitors.
    var visitorAction: String?
    var visitorValues: [String: String]
    var hosts: [EventHost]
    var coHosts: [EventHost]
    var fields: [String]
    var errors: [String: String]
}

/// A coordinator's form for a new event.
struct EventFormPage: PageModel {
    var action: String
    /// Changing an event (else creating one).
    var editing: Bool
    var cancelHref: String?
    var values: [String: String]
    var allDay: Bool
    var kinds: [Option]
    var visibilities: [Option]
    var prefectures: [Option]
    var hosts: [Option]
    var coHosts: [Option]
    var fields: [Option]
    var errors: [String: String]
}

/// An organisation named on an event's page, with its page.
struct EventHost {
    var label: String
    var href: String
}

/// A person's ticket: the QR code shown at the door.
struct EventTicketPage: PageModel {
    var title: String
    var eventHref: String
    var when: String
    var place: String?
    var name: String
    /// Drawn here (`QRCode.svg`): no text of anyone's in it.
    var qr: String
    var ticket: String
}

/// The door, for coordinators: counts, the person a scanned ticket names, a search by name
/// or reading, and walk-ins.
struct EventDoorPage: PageModel {
    struct Row {
        var name: String
        var kana: String
        var organization: String
        var status: String
        var waitlisted: Bool
        var arrivedAt: String?
        var checkInAction: String?
        var undoAction: String?
        var testID: String
    }

    struct SectorRow {
        var sector: String
        var registered: Int
        var checkedIn: Int
    }

    struct WalkIn {
        var name: String
        var kana: String
        var organization: String
        var memberID: Int64
    }

    var title: String
    var eventHref: String
    var doorHref: String
    var query: String
    var counts: String
    var sectors: [SectorRow]
    var holder: Row?
    var ticketError: String?
    var rows: [Row]
    /// How many more answer than are listed; nil when all are.
    var more: Int?
    var walkIns: [WalkIn]
    var walkInAction: String
}

/// A visitor's registration, as their mailed link opens it.
struct EventVisitPage: PageModel {
    var title: String
    var eventHref: String
    var when: String
    var place: String?
    var name: String
    var organization: String
    /// Nil until they confirm.
    var status: String?
    var confirmAction: String?
    /// With a place: the ticket's QR code (drawn here) and its code.
    var qr: String?
    var ticket: String?
    var cancelAction: String?
}

// The event's page and the door answer Mustache's lookups directly, as the directory's
// pages do: reflecting with `Mirror` for every tag was half of an event page's time
// (docs/benchmarks.md). A property added above must be added here too, or the template sees
// nothing for it.
extension EventPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "kind": kind
        case "when": when
        case "venue": venue
        case "address": address
        case "onlineURL": onlineURL
        case "description": description
        case "visibility": visibility
        case "capacity": capacity
        case "perOrganization": perOrganization
        case "counts": counts
        case "status": status
        case "waitlisted": waitlisted
        case "registerAction": registerAction
        case "cancelAction": cancelAction
        case "closed": closed
        case "cancelled": cancelled
        case "calendarHref": calendarHref
        case "ticketHref": ticketHref
        case "doorHref": doorHref
        case "attendanceHref": attendanceHref
        case "minutesHref": minutesHref
        case "editHref": editHref
        case "callOffAction": callOffAction
        case "visitorAction": visitorAction
        case "visitorValues": visitorValues
        case "hosts": hosts
        case "coHosts": coHosts
        case "fields": fields
        case "errors": errors
        default: nil
        }
    }
}

extension EventHost: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "href": href
        default: nil
        }
    }
}

extension EventDoorPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "eventHref": eventHref
        case "doorHref": doorHref
        case "query": query
        case "counts": counts
        case "sectors": sectors
        case "holder": holder
        case "ticketError": ticketError
        case "rows": rows
        case "more": more
        case "walkIns": walkIns
        case "walkInAction": walkInAction
        default: nil
        }
    }
}

extension EventDoorPage.Row: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "kana": kana
        case "organization": organization
        case "status": status
        case "waitlisted": waitlisted
        case "arrivedAt": arrivedAt
        case "checkInAction": checkInAction
        case "undoAction": undoAction
        case "testID": testID
        default: nil
        }
    }
}

extension EventDoorPage.SectorRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "sector": sector
        case "registered": registered
        case "checkedIn": checkedIn
        default: nil
        }
    }
}
