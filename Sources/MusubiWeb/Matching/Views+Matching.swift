import Foundation
import MusubiCore

/// A match candidate or a mix suggestion as a card: a listing or a person, how strong the
/// match is, why, and, for a suggestion a coordinator pinned, their note.
struct MatchRow {
    var listing: ListingRow?
    var person: PersonRow?
    /// The strength of the match out of 100, for a bar and a number: the square root of the
    /// score, so that the cosines of long texts (0.02–0.3) spread over the scale. The order
    /// is the score's. Nil for a pinned suggestion the engine does not score.
    var percent: Int?
    var reasons: [String]
    var pin: PinRow?
}

/// A person as a match candidate.
struct PersonRow {
    var href: String
    var name: String
    var title: String?
    var organization: String?
    var fields: [String]
}

struct PinRow {
    var note: String?
    var pinned: String
    /// Where a coordinator takes the pin off; nil for others.
    var removeAction: String?
}

extension Views {
    func row(_ candidate: Matchmaking.Candidate) -> MatchRow {
        MatchRow(listing: row(candidate.listing), percent: percent(candidate.score), reasons: candidate.reasons.map(sentence))
    }

    func row(_ candidate: Matchmaking.PersonCandidate) -> MatchRow {
        MatchRow(
            person: personRow(candidate.member, organization: candidate.organizationName), percent: percent(candidate.score),
            reasons: candidate.reasons.map(sentence)
        )
    }

    func row(_ suggestion: Suggestions.Suggestion) -> MatchRow {
        var row = MatchRow(percent: suggestion.score.map(percent), reasons: suggestion.reasons.map(sentence))
        switch suggestion.target {
        case .listing(let shown): row.listing = self.row(shown)
        case .person(let member, let organization): row.person = personRow(member, organization: organization)
        }
        row.pin = suggestion.pin.map { pin in
            PinRow(
                note: pin.note.isEmpty ? nil : pin.note, pinned: site.formatDate(pin.pinnedAt, context),
                removeAction: Policy.can(context.actor, .edit, .suggestions) ? Paths.suggestionPinRemoval.href(pin.id) : nil
            )
        }
        return row
    }

    func personRow(_ member: Member, organization: String?) -> PersonRow {
        PersonRow(
            href: Paths.member.href(member.id), name: member.name, title: member.profile.title.isEmpty ? nil : member.profile.title,
            organization: organization, fields: fieldNames(member.fieldIDs)
        )
    }

    func percent(_ score: Double) -> Int {
        Int((min(1, max(0, score)).squareRoot() * 100).rounded())
    }

    /// One reason in words, in the reader's language.
    func sentence(_ reason: MatchIndex.Reason) -> String {
        let list = { (items: [String]) in items.joined(separator: language == .ja ? "、" : ", ") }
        let concepts = { (labels: [MatchIndex.ConceptLabel]) in list(labels.map { language == .ja ? $0.ja : $0.en }) }
        let field = { (key: String) in tree.field(key: key).map { language == .ja ? $0.name : $0.nameEn } ?? key }
        switch reason {
        case .sharedConcepts(let labels):
            return site.t("reason.shared_concepts", context).replacingOccurrences(of: "{list}", with: concepts(labels))
        case .relatedConcepts(let labels):
            return site.t("reason.related_concepts", context).replacingOccurrences(of: "{list}", with: concepts(labels))
        case .sharedTerms(let terms):
            return site.t("reason.shared_terms", context).replacingOccurrences(of: "{list}", with: list(terms))
        case .sameField(let key):
            return site.t("reason.same_field", context).replacingOccurrences(of: "{field}", with: field(key))
        case .bridgesFields(let from, let to):
            return site.t("reason.bridges_fields", context)
                .replacingOccurrences(of: "{from}", with: field(from)).replacingOccurrences(of: "{to}", with: field(to))
        case .complementarySectors(let mine, let theirs):
            return site.t("reason.complementary_sectors", context)
                .replacingOccurrences(of: "{mine}", with: sector(mine)).replacingOccurrences(of: "{theirs}", with: sector(theirs))
        }
    }
}
