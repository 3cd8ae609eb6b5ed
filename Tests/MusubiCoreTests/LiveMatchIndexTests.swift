import Foundation
import MusubiCore
import Testing

/// The live index while it is rebuilt: a change made while a rebuild reads the database
/// survives the rebuild, and an older rebuild never replaces a newer one.
@Suite struct LiveMatchIndexTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let member = Actor.member(id: 20, role: .member)

    static func listing(_ id: Int64, _ kind: ListingKind, _ title: String, summary: String, details: String = "", disclosure: Disclosure = .members) -> Listing {
        Listing(id: id, ownerID: 90 + id, organizationID: nil, sector: nil,
                content: ListingDraft(kind: kind, title: title, summary: summary, details: details, disclosure: disclosure),
                status: .open, createdAt: now, updatedAt: now)
    }

    static let seed = listing(1, .seed, "設備の貸し出し", summary: "会員向けのご案内", details: "液体窒素の噴霧条件と急速凍結の手順")
    static let need = listing(2, .need, "液体窒素の噴霧条件を知りたい", summary: "噴霧の条件")

    func found(_ index: LiveMatchIndex) -> [Int64] {
        index.candidates(for: Self.need, viewer: Self.member, organization: nil, fields: FieldTree([]), limit: 10, now: Self.now).map(\.subject).compactMap { subject -> Int64? in
            if case .listing(let id) = subject { id } else { nil }
        }
    }

    @Test func aChangeDuringARebuildIsNotUndoneByIt() {
        let index = LiveMatchIndex()
        index.load([Self.seed, Self.need], fields: FieldTree([]), dictionary: .standard)
        #expect(found(index) == [1], "the member may read the seed's details")

        let ticket = index.beginRebuild()
        var narrowed = Self.seed
        narrowed.content.disclosure = .coordinators
        index.update(narrowed, fields: FieldTree([]))
        #expect(found(index).isEmpty, "only the summary, which shares nothing, is the member's now")
        // The rebuild read the database before the change was committed.
        index.load([Self.seed, Self.need], fields: FieldTree([]), dictionary: .standard, ticket: ticket)
        #expect(found(index).isEmpty)
    }

    @Test func anOlderRebuildNeverReplacesANewerOne() {
        let index = LiveMatchIndex()
        let older = index.beginRebuild()
        let newer = index.beginRebuild()
        index.load([Self.seed, Self.need], fields: FieldTree([]), dictionary: .standard, ticket: newer)
        index.load([], fields: FieldTree([]), dictionary: .standard, ticket: older)
        #expect(index.count == 2)
        #expect(found(index) == [1])
    }
}
