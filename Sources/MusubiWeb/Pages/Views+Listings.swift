import Foundation
import MusubiCore

/// A seed or need as a card in a list.
struct ListingRow {
    var href: String
    var title: String
    var kind: String
    var kindKey: String
    var summary: String
    var status: String
    var statusKey: String
    var sector: String
    var sectorKey: String
    var fields: [String]
    var keywords: [String]
    /// Nil when it does not expire (Mustache shows an empty string as if it were there).
    var expires: String?
}

/// A match candidate as the listing page shows it: what it is, how strong, and why.
struct CandidateRow {
    var listing: ListingRow
    /// The strength of the match out of 100, for a bar and a number: the square root of the
    /// score, so that the cosines of long texts (0.02–0.3) spread over the scale. The order
    /// is the score's.
    var percent: Int
    var reasons: [String]
}

extension Views {
    func row(_ shown: Listings.Shown) -> ListingRow {
        let listing = shown.listing
        return ListingRow(
            href: Paths.listing.href(listing.id), title: listing.content.title,
            kind: site.t("listing_kind." + listing.content.kind.rawValue, context), kindKey: listing.content.kind.rawValue,
            summary: listing.content.summary,
            status: site.t("listing_status." + listing.status.rawValue, context), statusKey: listing.status.rawValue,
            sector: sector(listing.sector), sectorKey: listing.sector?.rawValue ?? "",
            fields: fieldNames(listing.content.fieldIDs), keywords: listing.content.keywords,
            expires: listing.content.expiresOn.map { site.formatDate($0, context) }
        )
    }

    func row(_ candidate: Matchmaking.Candidate) -> CandidateRow {
        CandidateRow(
            listing: row(candidate.listing), percent: Int((min(1, max(0, candidate.score)).squareRoot() * 100).rounded()),
            reasons: candidate.reasons.map(sentence)
        )
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

    func options<Value: RawRepresentable<String>>(_ values: [Value], catalog prefix: String, selected: Value?, all allKey: String? = nil) -> [Option] {
        (allKey.map { [Option(value: "", label: site.t($0, context), selected: selected == nil)] } ?? [])
            + values.map { Option(value: $0.rawValue, label: site.t(prefix + $0.rawValue, context), selected: $0.rawValue == selected?.rawValue) }
    }
}
