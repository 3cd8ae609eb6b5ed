import Foundation
import MusubiCore
import Testing

/// The live index while it is rebuilt: a change made while a rebuild reads the database
/// survives the rebuild, and an older rebuild never replaces a newer one.
@Suite struct LiveMatchIndexTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let member = Requester.member(id: 20, role: .member)

    static func listing(_ id: Int64, _ kind: ListingKind, _ title: String, summary: String, details: String = "", disclosure: Disclosure = .members)
        -> Listing
    {
        Listing(
            id: id, ownerID: 90 + id, organizationID: nil, sector: nil,
            content: ListingDraft(kind: kind, title: title, summary: summary, details: details, disclosure: disclosure),
            status: .open, createdAt: now, updatedAt: now)
    }

    static let seed = listing(1, .seed, "設備の貸し出し", summary: "会員向けのご案内", details: "液体窒素の噴霧条件と急速凍結の手順")
    static let need = listing(2, .need, "液体窒素の噴霧条件を知りたい", summary: "噴霧の条件")

    func found(_ index: LiveMatchIndex) -> [Int64] {
        index.candidates(for: Self.need, viewer: Self.member, organization: nil, fields: FieldTree([]), limit: 10, now: Self.now).map(\.subject)
            .compactMap { subject -> Int64? in
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

/// People in the index: what they offer meets a need, only for those who may see people,
/// and not once they are no longer active.
@Suite struct PeopleInTheMatchIndexTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func person(_ id: Int64, offer: String, seeking: String = "", status: AccountStatus = .active) -> LiveMatchIndex.Person {
        LiveMatchIndex.Person(
            Member(
                id: id, name: "人\(id)", nameKana: "", organizationID: nil, role: .member, status: status,
                profile: Profile(offer: offer, seeking: seeking), fieldIDs: [], createdAt: now),
            sector: .academia
        )
    }

    static let need = LiveMatchIndexTests.listing(2, .need, "養殖網の汚れを落としたい", summary: "マイクロバブルで網を洗えないか")

    func people(_ index: LiveMatchIndex, viewer: Requester) -> [MatchSubject] {
        index.candidates(for: Self.need, viewer: viewer, organization: nil, fields: FieldTree([]), subjects: .people, limit: 5, now: Self.now).map(
            \.subject)
    }

    @Test func aPersonWhoOffersWhatANeedSeeksIsItsCandidate() {
        let index = LiveMatchIndex()
        let researcher = Self.person(30, offer: "微細気泡の発生と洗浄への応用を研究しています")
        let banker = Self.person(31, offer: "事業承継と融資の相談に乗ります")
        let seeker = Self.person(32, offer: "", seeking: "ファインバブルを探しています")
        index.load([Self.need], people: [researcher, banker, seeker], fields: FieldTree([]), dictionary: .standard)
        #expect(people(index, viewer: .member(id: 20, role: .member)) == [.person(30)], "only an offer meets a need")
        #expect(people(index, viewer: .anonymous).isEmpty, "visitors never see people")

        index.update(Self.person(30, offer: researcher.member.profile.offer, status: .deactivated), fields: FieldTree([]))
        #expect(people(index, viewer: .member(id: 20, role: .member)).isEmpty, "a deactivated person is no candidate")
    }

    @Test func aPersonsCandidatesAnswerBothWhatTheyOfferAndWhatTheySeek() {
        let index = LiveMatchIndex()
        let seed = LiveMatchIndexTests.listing(1, .seed, "ファインバブル発生装置", summary: "微細気泡を安定して作る")
        var own = LiveMatchIndexTests.listing(3, .seed, "マイクロバブル装置の試作", summary: "自分で作った装置")
        own.ownerID = 40
        let person = Self.person(40, offer: "養殖網の洗浄サービス", seeking: "マイクロバブルの装置を探しています")
        index.load([seed, own, Self.need], people: [person], fields: FieldTree([]), dictionary: .standard)
        let found = index.candidates(
            for: person, viewer: .member(id: 40, role: .member), organization: nil, fields: FieldTree([]), limit: 5, now: Self.now)
        #expect(found.map(\.subject).contains(.listing(1)), "what they seek finds the seed")
        #expect(found.map(\.subject).contains(.listing(2)), "what they offer finds the need")
        #expect(!found.map(\.subject).contains(.person(40)), "never themselves")
        #expect(!found.map(\.subject).contains(.listing(3)), "nor their own listings")
    }
}
