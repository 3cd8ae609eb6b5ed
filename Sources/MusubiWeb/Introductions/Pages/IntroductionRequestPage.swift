import Foundation

/// The form to ask for an introduction to a listing's owner or to a member.
struct IntroductionRequestPage: PageModel {
    var targetName: String
    var targetHref: String
    var aboutListing: Bool
    var listingID: String?
    var memberID: String?
    var message: String
    var errors: [String: String]
}
