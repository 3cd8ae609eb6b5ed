import Foundation
import MusubiCore

/// One introduction: who asked whom about what, where it stands, and the forms for its
/// review, answer, outcomes and thread, for whom each is.
struct IntroductionPage: PageModel {
    var status: String
    var statusKey: String
    var statusLead: String
    var requester: PartyRow
    var recipient: PartyRow
    var coordinator: PartyRow?
    var requesterHref: String
    var recipientHref: String
    var listingTitle: String?
    var listingHref: String
    var message: String
    var coordinatorNote: String?
    var requested: String
    var contactsShared: Bool
    var mayReview: Bool
    var mayAnswer: Bool
    var mayFollowUp: Bool
    var reviewAction: String
    var answerAction: String
    var outcomeAction: String
    var messageAction: String
    var outcomes: [OutcomeRow]
    var outcomeKinds: [Option]
    var today: String
    var messages: [MessageRow]
    var errors: [String: String]

    struct OutcomeRow {
        var kind: String
        var on: String
        var note: String?
    }
    /// A person on the introduction; nil for what is empty or not shared.
    struct PartyRow {
        var name: String
        var organization: String?
        var email: String?
        init(_ party: Introductions.Party) {
            (name, organization, email) = (party.name, party.organization.isEmpty ? nil : party.organization, party.email)
        }
    }
    struct MessageRow {
        var author: String
        var at: String
        var body: String
        var mine: Bool
    }
}
