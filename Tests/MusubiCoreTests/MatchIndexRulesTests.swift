import Foundation
import Testing

@testable import MusubiCore

/// The index's rules beyond scoring: expiry, what a viewer may see, and that bulk loading,
/// replacing and removing leave the same answers as building by hand.
@Suite struct MatchIndexRulesTests {
    typealias Cases = MatchingTests

    @Test func expiredListingsAreNeverCandidates() {
        let text = ("ファインバブル洗浄", "配管を泡で洗う")
        let index = Cases.index([
            MatchDocument(id: "expired", kind: .seed, title: text.0, body: text.1, expiresAt: Cases.now.addingTimeInterval(-1)),
            MatchDocument(id: "current", kind: .seed, title: text.0, body: text.1, expiresAt: Cases.now.addingTimeInterval(86_400)),
        ])
        #expect(index.candidates(for: Cases.need("配管の洗浄"), kinds: [.seed], now: Cases.now).map(\.id) == ["current"])
    }

    @Test func onlyWhatTheViewerMaySeeIsACandidateAndTheLimitStillFills() {
        let index = Cases.index((1...6).map { Cases.seed("s\($0)", "陸上養殖の水質管理 \($0)", String(repeating: "水質", count: $0)) })
        let hidden: Set = ["s6", "s5"]
        let found = index.candidates(for: Cases.need("陸上養殖の水質"), kinds: [.seed], limit: 3, now: Cases.now) { !hidden.contains($0) }
        #expect(found.count == 3)
        #expect(found.allSatisfy { !hidden.contains($0.id) })
    }

    @Test func bulkLoadingRanksAsAddingOneByOne() {
        let documents = (0..<300).map { number in
            Cases.seed(
                "s\(number)", ["ファインバブル洗浄", "チタンの精密加工", "陸上養殖の水質", "画像認識による外観検査", "急速冷凍"][number % 5],
                "試験番号\(number) " + String(repeating: "評価", count: number % 7), sector: number % 2 == 0 ? .academia : .industry)
        }
        var bulk = MatchIndex(dictionary: Cases.dictionary)
        bulk.add(contentsOf: documents)
        var oneByOne = Cases.index(documents)
        for query in ["微細気泡で洗う", "検査の自動化", "魚の養殖"] {
            let a = bulk.candidates(for: Cases.need(query), kinds: [.seed], now: Cases.now)
            let b = oneByOne.candidates(for: Cases.need(query), kinds: [.seed], now: Cases.now)
            // Weighed with frequencies at most an eighth old, scores barely move.
            #expect(Set(a.map(\.id)).intersection(b.map(\.id)).count >= 5)
            #expect(zip(a, b).allSatisfy { abs($0.score - $1.score) < 0.05 * $0.score })
        }
        oneByOne.refreshWeights()
        for query in ["微細気泡で洗う", "検査の自動化", "魚の養殖"] {
            let a = bulk.candidates(for: Cases.need(query), kinds: [.seed], now: Cases.now)
            let b = oneByOne.candidates(for: Cases.need(query), kinds: [.seed], now: Cases.now)
            #expect(a.map(\.id) == b.map(\.id))
            #expect(zip(a, b).allSatisfy { abs($0.score - $1.score) < 1e-6 })
        }
    }

    @Test func manyRemovalsAndReplacementsLeaveOnlyTheLiveDocuments() {
        var index = MatchIndex(dictionary: Cases.dictionary)
        index.add(contentsOf: (0..<500).map { Cases.seed("s\($0)", "チタンの精密加工 \($0)") })
        for number in 0..<450 { index.remove(id: "s\(number)") }
        for number in 450..<460 { index.add(Cases.seed("s\(number)", "介護記録のペーパーレス化")) }
        #expect(index.count == 50)
        let found = index.candidates(for: Cases.need("チタン部品を削りたい"), kinds: [.seed], limit: 100, now: Cases.now).map(\.id)
        #expect(Set(found) == Set((460..<500).map { "s\($0)" }))
        index.add(contentsOf: (0..<5).map { Cases.seed("n\($0)", "チタンの切削") })
        #expect(index.candidates(for: Cases.need("チタン部品を削りたい"), kinds: [.seed], limit: 100, now: Cases.now).count == 45)
    }

    @Test func aShortListIsTheHeadOfTheLongOneEvenWhenTheViewerMaySeeLittle() {
        let topics = ["ファインバブル洗浄", "チタンの精密加工", "陸上養殖の水質", "画像認識による外観検査", "急速冷凍", "水素の貯蔵"]
        let documents = (0..<400).map { number in
            Cases.seed(
                "s\(number)", topics[number % topics.count] + " " + topics[(number / 7) % topics.count],
                String(repeating: "評価試験", count: number % 5), sector: [Sector.academia, .industry, .finance][number % 3],
                fields: [["aquaculture"], ["fine-bubble"], []][number % 3])
        }
        var index = MatchIndex(dictionary: Cases.dictionary)
        index.add(contentsOf: documents)
        for text in ["微細気泡で洗う", "検査の自動化", "魚の養殖と水質", "水素"] {
            let query = Cases.need(text, fields: ["aquaculture"])
            let long = index.candidates(for: query, kinds: [.seed], limit: 400, now: Cases.now, explain: false)
            Self.expectSame(index.candidates(for: query, kinds: [.seed], limit: 5, now: Cases.now, explain: false), Array(long.prefix(5)))
            // Hiding nine in ten of the best forces the engine past its first batch.
            let visible = { (id: String) in Int(id.dropFirst())! % 10 == 0 }
            Self.expectSame(
                index.candidates(for: query, kinds: [.seed], limit: 5, now: Cases.now, explain: false, where: visible),
                Array(long.filter { visible($0.id) }.prefix(5)))
        }
    }

    /// The same candidates in the same order. Scores may differ in the last bits of a Float
    /// sum: a short list and a long one can add the same weights in a different order (seen
    /// once in about a dozen runs, 1e-8 apart).
    static func expectSame(_ short: [MatchIndex.Candidate], _ long: [MatchIndex.Candidate]) {
        #expect(short.map(\.id) == long.map(\.id))
        for (a, b) in zip(short, long) { #expect(abs(a.score - b.score) < 1e-6, "\(a.id)") }
    }
}
