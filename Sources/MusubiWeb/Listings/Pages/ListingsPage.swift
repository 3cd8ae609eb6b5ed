import Foundation

/// Seeds and needs as a list, with its filters (public listings only, for visitors).
struct ListingsPage: PageModel {
    var q: String
    var kinds: [Option]
    var statuses: [Option]
    var sectors: [Option]
    var fields: [Option]
    var mine: Bool
    var signedIn: Bool
    var listings: [ListingRow]
    var pager: Pager
    var action: String
    var canPost: Bool
}
