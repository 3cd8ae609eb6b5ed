import Foundation
import MusubiCore
import Testing

@testable import MusubiBench

/// The measures `musubi bench match` reports, against values worked out by hand.
@Suite struct MatchEvaluationTests {
    @Test func metricsOfOneRanking() {
        let ranking = ["a", "b", "c"]
        let grades = ["b": 3, "c": 1]
        #expect(RankingMetrics.reciprocalRank(ranking, grades: grades) == 0.5)
        // (0 + 7/log2(3) + 1/log2(4)) / (7 + 1/log2(3))
        #expect(abs(RankingMetrics.ndcg(ranking, grades: grades, at: 10) - 0.64429) < 1e-4)
        #expect(RankingMetrics.recall(ranking, grades: grades, at: 1) == 0)
        #expect(RankingMetrics.recall(ranking, grades: grades, at: 2) == 1)
        // A partly relevant result (grade 1) is not enough for MRR or recall.
        #expect(RankingMetrics.reciprocalRank(["c"], grades: grades) == 0)
        #expect(RankingMetrics.ndcg(["x"], grades: [:], at: 10) == 0)
    }

    static let set = try! DevelopmentSet.read(
        Data(
            """
            {"needs": [{"id": "n1", "title": "冬にヒラメが弱る", "body": "生け簀の酸素が足りない", "fields": ["aquaculture"], "sector": "industry"}],
             "seeds": [{"id": "s1", "title": "微細気泡の発生装置", "body": "溶存酸素を高める", "fields": ["fine-bubble"], "sector": "academia"},
                       {"id": "s2", "title": "ヒラメ養殖の水温管理", "body": "生け簀の酸素と水温", "fields": ["aquaculture"], "sector": "support"},
                       {"id": "s3", "title": "ヒラメの販路開拓", "body": "冬の出荷", "fields": ["tourism"], "sector": "finance"}],
             "judgments": [{"need": "n1", "seed": "s1", "grade": 3}, {"need": "n1", "seed": "s2", "grade": 2}, {"need": "n1", "seed": "s3", "grade": 0}]}
            """.utf8))

    @Test func aSubsetIsMeasuredOnItsOwnPairs() {
        let fields = FieldHierarchy(parents: [:])
        let evaluation = MatchEvaluation(Self.set, fields: fields) { _ in ["s2", "s3", "s1"] }
        #expect(evaluation.overall.needs == 1)
        #expect(evaluation.overall.mrr == 1)
        // Cross-field: only s1 counts; s2, relevant but same-field, is taken out, the decoy s3 stays.
        #expect(evaluation.crossField.needs == 1)
        #expect(evaluation.crossField.mrr == 0.5)
        #expect(evaluation.crossField.recall == 1)
    }

    @Test func lowOverlapIsTheShareOfContentBigramsInCommon() {
        let need = Self.set.needDocuments[0]
        let seeds = Self.set.seedDocuments
        #expect(DevelopmentSet.contentOverlap(need, seeds[0]) < DevelopmentSet.contentOverlap(need, seeds[1]))
        #expect(DevelopmentSet.contentOverlap(need, need) == 1)
    }

    @Test func aSetWithUnknownIdsIsRefused() {
        #expect(throws: DecodingError.self) {
            try DevelopmentSet.read(Data(#"{"needs": [], "seeds": [], "judgments": [{"need": "n9", "seed": "s9", "grade": 2}]}"#.utf8))
        }
    }

    @Test func theBaselineRanksBySharedCharacterGrams() {
        let baseline = CharacterGramBaseline(Self.set.seedDocuments)
        let ranking = baseline.ranking(for: Self.set.needDocuments[0], limit: 10)
        #expect(ranking.first == "s2")
        #expect(baseline.ranking(for: MatchDocument(id: "q", kind: .need, title: "衛星"), limit: 10).isEmpty)
    }
}
