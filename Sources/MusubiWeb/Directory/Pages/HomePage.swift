import Foundation

/// The home page: the community in numbers, its newest people and organisations, and for
/// members their suggestions and what they missed in the exchange.
struct HomePage: PageModel {
    var siteName: String
    var memberTotal: Int
    var organizationTotal: Int
    var groupCount: Int
    var sectors: [SectorCount]
    var fields: [FieldCount]
    /// Rendered cards (Views.cards).
    var newestMembers: [String]
    var newestOrganizations: [String]
    var seesPeople: Bool
    var signedIn: Bool
    /// The member's mix suggestions (and the pinned ones).
    var mix: [MatchRow]
    /// "What you missed" in the exchange; nil for visitors.
    var missed: Missed?
    /// The bulletins for the reader: pinned first, then newest.
    var bulletins: [BulletinRow]
    /// The next events the reader may see.
    var events: [EventRow]

    struct Missed { var rows: [ChannelRow] }

    struct SectorCount {
        var key: String
        var name: String
        var organizations: Int
        var members: Int
        var href: String
    }
    struct FieldCount {
        var name: String
        var count: Int
        var href: String
        var percent: Int
    }
}
