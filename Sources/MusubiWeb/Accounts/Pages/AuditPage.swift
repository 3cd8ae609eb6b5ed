import Foundation

/// The audit log, filtered by who, what and when.
struct AuditPage: PageModel {
    var entries: [Entry]
    var actions: [Option]
    var actor: String
    var since: String
    var until: String
    var pager: Pager

    struct Entry {
        var at: String
        var actor: String
        var actorHref: String
        var action: String
        var subject: String
        var detail: String
    }
}
