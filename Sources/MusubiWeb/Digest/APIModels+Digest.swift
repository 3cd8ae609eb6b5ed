import Foundation
import MusubiCore

/// A member's week for a program.
struct DigestDTO: Encodable {
    struct Entry: Encodable {
        var id: Int64
        var kind: BulletinKind
        var title: String
        var excerpt: String
        var deadline: Date?
        var funder: String
        var saved: Bool
        var path: String
    }

    struct Suggested: Encodable {
        /// `listing` or `person`.
        var type: String
        var id: Int64
        var title: String
        var listingKind: ListingKind?
        var organization: String
        var concepts: [String]
        var path: String
    }

    struct Waiting: Encodable {
        var step: Notice.Step
        var text: String
        var excerpt: String
        var path: String
        var createdAt: Date
    }

    var since: Date
    var until: Date
    var bulletins: [Entry]
    var fundingCalls: [Entry]
    var suggestions: [Suggested]
    var waiting: [Waiting]
    var waitingCount: Int
}
