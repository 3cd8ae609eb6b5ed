import Foundation
import MusubiCore
import Testing

/// Mix suggestions: only from other fields, never someone already met, bridged by a
/// concept, and spread over fields and people.
@Suite struct MixSelectionTests {
    static let bubbles = MatchIndex.ConceptLabel(ja: "ファインバブル", en: "Fine bubbles")
    static let recipient = MixSelection.Recipient(memberID: 1, organizationID: 10, fieldRoots: ["aquaculture"], partners: [7])

    static func option(
        _ id: Int64, owner: Int64, organization: Int64? = nil, roots: Set<String>, score: Double,
        reasons: [MatchIndex.Reason] = [.sharedConcepts([bubbles])]
    ) -> MixSelection.Option {
        MixSelection.Option(subject: .listing(id), ownerID: owner, organizationID: organization, fieldRoots: roots, score: score, reasons: reasons)
    }

    @Test func onlyOtherFieldsStrangersAndConceptBridgesAreSuggested() {
        let selection = MixSelection(for: Self.recipient)
        #expect(selection.admits(Self.option(1, owner: 2, roots: ["decarbon"], score: 0.5)))
        #expect(!selection.admits(Self.option(2, owner: 2, roots: ["aquaculture"], score: 0.9)), "their own field is no mix")
        #expect(!selection.admits(Self.option(3, owner: 2, roots: ["aquaculture", "decarbon"], score: 0.9)), "a field in common is no mix either")
        #expect(!selection.admits(Self.option(4, owner: 2, roots: [], score: 0.9)), "no field: no telling it is another one")
        #expect(!selection.admits(Self.option(5, owner: 7, roots: ["decarbon"], score: 0.9)), "already introduced")
        #expect(!selection.admits(Self.option(6, owner: 1, roots: ["decarbon"], score: 0.9)), "their own listing")
        #expect(!selection.admits(Self.option(7, owner: 3, organization: 10, roots: ["decarbon"], score: 0.9)), "a colleague")
        #expect(
            !selection.admits(Self.option(8, owner: 2, roots: ["decarbon"], score: 0.9, reasons: [.sharedTerms(["洗浄"])])),
            "a shared word alone is a coincidence, not a bridge")
        #expect(
            !selection.admits(
                Self.option(
                    9, owner: 2, roots: ["decarbon"], score: 0.9,
                    reasons: [.relatedConcepts([Self.bubbles]), .sharedTerms(["洗浄"])])), "a related concept is a loose association")
        #expect(
            selection.admits(
                Self.option(
                    10, owner: 2, roots: ["decarbon"], score: 0.2,
                    reasons: [.sharedConcepts([Self.bubbles]), .sharedTerms(["洗浄"])])))
    }

    @Test func suggestionsSpreadOverFieldsAndPeople() {
        let options = [
            Self.option(1, owner: 2, roots: ["decarbon"], score: 0.9),
            Self.option(2, owner: 2, roots: ["energy"], score: 0.85), // same person again
            Self.option(3, owner: 3, roots: ["decarbon"], score: 0.8), // same field again
            Self.option(4, owner: 4, roots: ["food"], score: 0.5),
            Self.option(5, owner: 5, roots: ["tourism"], score: 0.3),
            Self.option(6, owner: 6, roots: ["aquaculture"], score: 0.95), // not admitted at all
        ]
        let picked = MixSelection(for: Self.recipient).pick(from: options, limit: 3)
        #expect(picked.map(\.subject) == [.listing(1), .listing(4), .listing(5)])
        #expect(Set(picked.map(\.ownerID)).count == picked.count, "one suggestion per person")
        let roots = picked.flatMap(\.fieldRoots)
        #expect(Set(roots).count == roots.count, "each from a different field")

        // With fewer fields than places, the next best of new people fill them, still one each.
        let filled = MixSelection(for: Self.recipient).pick(from: Array(options.prefix(3)), limit: 3)
        #expect(filled.map(\.subject) == [.listing(1), .listing(3)])
    }
}
