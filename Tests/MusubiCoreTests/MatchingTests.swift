import Foundation
import Testing

@testable import MusubiCore

/// The matching engine on small hand-made cases: each signal works, each rule holds.
@Suite struct MatchingTests {
    static let dictionary = try! ConceptDictionary.bundled()
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func index(_ documents: [MatchDocument], fields: FieldHierarchy = FieldHierarchy()) -> MatchIndex {
        var index = MatchIndex(dictionary: dictionary, fields: fields)
        for document in documents { index.add(document) }
        return index
    }

    static func seed(
        _ id: String, _ title: String, _ body: String = "", sector: Sector? = .academia, fields: [String] = [],
        status: MatchDocument.Status = .open, updatedAt: Date? = nil
    ) -> MatchDocument {
        MatchDocument(id: id, kind: .seed, title: title, body: body, fields: fields, sector: sector, status: status, updatedAt: updatedAt)
    }

    static func need(_ title: String, _ body: String = "", sector: Sector? = .industry, fields: [String] = []) -> MatchDocument {
        MatchDocument(id: "need", kind: .need, title: title, body: body, fields: fields, sector: sector)
    }

    /// The Japanese labels of the concepts a candidate's reasons say both share.
    static func sharedConcepts(_ reasons: [MatchIndex.Reason]) -> [String] {
        reasons.flatMap { reason -> [String] in
            if case .sharedConcepts(let labels) = reason { labels.map(\.ja) } else { [] }
        }
    }

    @Test func surfaceFormsOfOneConceptMeetWithoutSharingAWord() throws {
        let index = Self.index([
            Self.seed("bubbles", "マイクロバブル発生装置", "気液せん断方式で直径50µmの泡を安定して作る"),
            Self.seed("machining", "チタンの精密切削", "難削材を高精度に削る"),
        ])
        let found = index.candidates(for: Self.need("微細気泡を使えないか", "生け簀の酸素を増やしたい"), kinds: [.seed], now: Self.now)
        let first = try #require(found.first)
        #expect(first.id == "bubbles")
        #expect(Self.sharedConcepts(first.reasons) == ["ファインバブル"])
        #expect(!found.contains { $0.id == "machining" })
        // Width and script do not matter either.
        #expect(index.candidates(for: Self.need("ﾅﾉﾊﾞﾌﾞﾙ"), kinds: [.seed], now: Self.now).first?.id == "bubbles")
    }

    @Test func aProblemMeetsItsSolutionThroughRelatedConcepts() throws {
        let index = Self.index([
            Self.seed("freezing", "細胞を壊さない急速冷凍", "解凍後もドリップが出ない凍結技術"),
            Self.seed("satellite", "小型衛星の設計", "リモートセンシング"),
        ])
        let found = index.candidates(for: Self.need("カニの日持ちがしない", "水揚げから数日で品質が劣化する"), kinds: [.seed], now: Self.now)
        let first = try #require(found.first)
        #expect(first.id == "freezing")
        #expect(first.reasons.contains { if case .relatedConcepts(let labels) = $0 { labels.map(\.ja).contains("冷凍") } else { false } })
        #expect(!found.contains { $0.id == "satellite" })
    }

    @Test func closedListingsAreNeverCandidatesAndLaterStatusesRankLower() {
        let text = ("ファインバブル洗浄", "食品工場の配管を泡で洗う")
        let index = Self.index([
            Self.seed("open", text.0, text.1), Self.seed("talking", text.0, text.1, status: .inDiscussion),
            Self.seed("matched", text.0, text.1, status: .matched), Self.seed("closed", text.0, text.1, status: .closed),
        ])
        let found = index.candidates(for: Self.need("配管の洗浄"), kinds: [.seed], now: Self.now).map(\.id)
        #expect(found == ["open", "talking", "matched"])
    }

    @Test func olderListingsCountLessAndNothingIsDroppedForAge() {
        let text = ("水素吸蔵合金", "燃料電池向けの水素貯蔵")
        let index = Self.index([
            Self.seed("old", text.0, text.1, updatedAt: Self.now.addingTimeInterval(-3 * 365 * 86_400)),
            Self.seed("new", text.0, text.1, updatedAt: Self.now.addingTimeInterval(-86_400)),
        ])
        let found = index.candidates(for: Self.need("水素を貯めたい"), kinds: [.seed], now: Self.now)
        #expect(found.map(\.id) == ["new", "old"])
        #expect(found[1].score > found[0].score / 2)
    }

    @Test func complementarySectorsRankFirstAndSayWhy() throws {
        let text = ("画像認識による外観検査", "AIで不良品を自動で見つける")
        let index = Self.index([Self.seed("bank", text.0, text.1, sector: .finance), Self.seed("college", text.0, text.1, sector: .academia)])
        let found = index.candidates(for: Self.need("検査の自動化", "目視の外観検査に人手が足りない"), kinds: [.seed], now: Self.now)
        #expect(found.map(\.id) == ["college", "bank"])
        #expect(found[0].reasons.contains(.complementarySectors(.industry, .academia)))
    }

    @Test func aConceptThatCrossesFieldsIsNamedAsABridge() throws {
        let fields = FieldHierarchy(parents: ["hydrogen": "decarbon", "ev": "decarbon"])
        let index = Self.index([Self.seed("bubbles", "ファインバブルの発生", "泡の微細化", fields: ["fine-bubble"])], fields: fields)
        let found = index.candidates(for: Self.need("マイクロバブルで養殖魚を育てたい", fields: ["aquaculture"]), kinds: [.seed], now: Self.now)
        #expect(found.first?.reasons.contains(.bridgesFields("aquaculture", "fine-bubble")) == true)
        #expect(fields.root(of: "hydrogen") == "decarbon")
    }

    @Test func onlyTheAskedKindsAreCandidatesAndTheQueryIsNotItsOwn() {
        var index = Self.index([
            Self.seed("seed", "陸上養殖の水質管理"),
            MatchDocument(id: "other-need", kind: .need, title: "陸上養殖の水質が悪い", sector: .industry),
        ])
        let query = MatchDocument(id: "mine", kind: .need, title: "陸上養殖の水質", sector: .industry)
        index.add(query)
        #expect(index.candidates(for: query, kinds: [.seed], now: Self.now).map(\.id) == ["seed"])
        #expect(Set(index.candidates(for: query, kinds: [.seed, .need], now: Self.now).map(\.id)) == ["seed", "other-need"])
    }

    @Test func theIndexFollowsChangesAndRemovals() {
        var index = Self.index([Self.seed("a", "チタンの精密加工")])
        #expect(index.candidates(for: Self.need("チタン部品を削りたい"), kinds: [.seed], now: Self.now).map(\.id) == ["a"])
        index.add(Self.seed("a", "介護記録のペーパーレス化"))
        #expect(index.candidates(for: Self.need("チタン部品を削りたい"), kinds: [.seed], now: Self.now).isEmpty)
        index.remove(id: "a")
        #expect(index.count == 0)
        #expect(index.candidates(for: Self.need("衛星"), kinds: [.seed], now: Self.now).isEmpty)
    }

    @Test func coordinatorsExtendTheDictionary() {
        let seeds = [Self.seed("aizome", "藍染めの色落ちを抑える", "天然藍の堅牢度を高める")]
        let need = Self.need("インディゴの製品を作りたい")
        #expect(Self.index(seeds).candidates(for: need, kinds: [.seed], now: Self.now).isEmpty, "藍 and インディゴ share no character")
        let extended = Self.dictionary.extended(with: [Concept(key: "indigo", label: "藍染め", labelEn: "Indigo", terms: ["藍", "インディゴ"], related: [])])
        var after = MatchIndex(dictionary: extended)
        for seed in seeds { after.add(seed) }
        let found = after.candidates(for: need, kinds: [.seed], now: Self.now)
        #expect(found.first.map { Self.sharedConcepts($0.reasons) } == ["藍染め"])
    }

    @Test func latinTermsMatchOnlyAsWholeWords() {
        let words = Array(JapaneseText.normalize("Maintain the plant; AI検査とIoT").unicodeScalars)
        let found = Set(Self.dictionary.occurrences(in: words).keys.map { Self.dictionary.concepts[$0].key })
        #expect(found.contains("ai"))
        #expect(found.contains("iot"))
        let none = Set(Self.dictionary.occurrences(in: Array("maintain".unicodeScalars)).keys)
        #expect(none.isEmpty)
    }

    @Test func sharedPhrasesAreWordsNotParticles() {
        let phrases = MatchIndex.sharedPhrases(Array("陸上養殖の水質管理について".unicodeScalars), Array("水質管理による陸上養殖の安定".unicodeScalars))
        #expect(phrases.contains("陸上養殖"))
        #expect(phrases.contains("水質管理"))
        #expect(!phrases.contains("について"))
        // What the demo once showed as shared terms: grammar, numbers and kana-edged scraps.
        let noise = MatchIndex.sharedPhrases(
            Array("開発しています。約30kgの設備で凍結試験、kg単位".unicodeScalars), Array("提供しています。約30kgの設計で凍る試験。kg".unicodeScalars)
        )
        #expect(noise == ["試験"])
        let kana = MatchIndex.sharedPhrases(Array("まいくろばぶるの発生".unicodeScalars), Array("まいくろばぶるで洗う".unicodeScalars))
        #expect(kana == ["まいくろばぶる"])
        let loanword = MatchIndex.sharedPhrases(Array("新型まいくろばぶる発生装置".unicodeScalars), Array("小型のまいくろばぶる発生器".unicodeScalars))
        #expect(loanword == ["まいくろばぶる発生"])
        // A phrase both texts follow with the same punctuation is shared all the same.
        let punctuated = MatchIndex.sharedPhrases(Array("陸上養殖、水質の改善".unicodeScalars), Array("陸上養殖、漁業の担い手".unicodeScalars))
        #expect(punctuated == ["陸上養殖"])
    }

    @Test func sharedPhrasesOfLongTextsAreReadFromTheirBeginningAndCutShort() {
        let long = String(repeating: "微細気泡", count: 50)
        let phrases = MatchIndex.sharedPhrases(Array(long.unicodeScalars), Array(long.unicodeScalars))
        #expect(!phrases.isEmpty && phrases.count <= 5)
        #expect(phrases.allSatisfy { $0.unicodeScalars.count == MatchIndex.phraseLengthLimit })
        let late = String(repeating: "あ", count: MatchIndex.phraseScalarLimit) + "陸上養殖"
        #expect(MatchIndex.sharedPhrases(Array(late.unicodeScalars), Array("陸上養殖".unicodeScalars)).isEmpty)
    }
}
