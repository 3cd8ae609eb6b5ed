import Foundation
import MusubiCore

/// A person as a match candidate or a suggestion.
struct PersonRefDTO: Encodable {
    var id: Int64
    var name: String
    var title: String
    var organization: String?
    var fieldIds: [Int64]

    init(_ member: Member, organization: String?) {
        (id, name, title, self.organization, fieldIds) = (member.id, member.name, member.profile.title, organization, member.fieldIDs)
    }
}

struct PersonCandidateDTO: Encodable {
    var person: PersonRefDTO
    var score: Double
    var reasons: [ReasonDTO]

    init(_ candidate: Matchmaking.PersonCandidate) {
        person = PersonRefDTO(candidate.member, organization: candidate.organizationName)
        score = candidate.score
        reasons = candidate.reasons.map(ReasonDTO.init)
    }
}

struct PersonMatchesDTO: Encodable {
    var listings: [CandidateDTO]
    var people: [PersonCandidateDTO]
}

struct PinDTO: Encodable {
    var id: Int64
    var memberId: Int64
    var listingId: Int64?
    var personId: Int64?
    var note: String
    var pinnedBy: Int64?
    var pinnedAt: Date

    init(_ pin: SuggestionPin) {
        (id, memberId, note, pinnedBy, pinnedAt) = (pin.id, pin.memberID, pin.note, pin.pinnedBy, pin.pinnedAt)
        switch pin.subject {
        case .listing(let id): listingId = id
        case .person(let id): personId = id
        }
    }
}

/// A mix suggestion: a listing or a person, its score (absent for a pin the engine would not
/// suggest), the reasons, and the coordinator's pin if any.
struct SuggestionDTO: Encodable {
    var listing: ListingDTO?
    var person: PersonRefDTO?
    var score: Double?
    var reasons: [ReasonDTO]
    var pin: PinDTO?

    init(_ suggestion: Suggestions.Suggestion, showsOwner: Bool) {
        switch suggestion.target {
        case .listing(let shown): listing = ListingDTO(shown, showsOwner: showsOwner)
        case .person(let member, let organization): person = PersonRefDTO(member, organization: organization)
        }
        score = suggestion.score
        reasons = suggestion.reasons.map(ReasonDTO.init)
        pin = suggestion.pin.map(PinDTO.init)
    }
}

struct CommunitySuggestionDTO: Encodable {
    var memberId: Int64
    var memberName: String
    var suggestion: SuggestionDTO
}

struct PinInput: Decodable {
    var memberId: Int64
    var listingId: Int64?
    var personId: Int64?
    var note: String?
}

struct BulkMatchDTO: Encodable {
    var needId: String
    var seeds: [CandidateDTO]
}

struct FunnelDTO: Encodable {
    struct StageDTO: Encodable {
        var key: String?
        var seeds, needs, candidateViews, requested, approved, accepted, withOutcome, crossField: Int

        init(_ stage: MatchingFunnel.Stage) {
            key = stage.key
            (seeds, needs, candidateViews, requested) = (stage.seeds, stage.needs, stage.candidateViews, stage.requested)
            (approved, accepted, withOutcome, crossField) = (stage.approved, stage.accepted, stage.withOutcome, stage.crossField)
        }
    }

    var total: StageDTO
    var byField: [StageDTO]
    var bySector: [StageDTO]
    var outcomes: [String: Int]

    init(_ report: MatchingFunnel.Report) {
        total = StageDTO(report.total)
        byField = report.byField.map(StageDTO.init)
        bySector = report.bySector.map(StageDTO.init)
        outcomes = Dictionary(uniqueKeysWithValues: OutcomeKind.allCases.map { ($0.rawValue, report.outcomes[$0] ?? 0) })
    }
}
