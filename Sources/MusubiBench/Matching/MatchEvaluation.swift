import Foundation
import MusubiApp
import MusubiCore

/// A ranker measured on a development set: MRR, nDCG@10 and Recall@10 over every need, and
/// over the cross-field and the low-overlap pairs only. For a subset, a need counts when it
/// has a relevant pair in it; its other judged seeds are taken out of its ranking, so the
/// subset's numbers say how well exactly those pairs are found.
public struct MatchEvaluation: Sendable, Equatable {
    public struct Scores: Sendable, Equatable {
        public var needs = 0
        public var mrr = 0.0
        public var ndcg = 0.0
        public var recall = 0.0
    }

    public var overall: Scores
    public var crossField: Scores
    public var lowOverlap: Scores

    public static let depth = 10

    /// `rank` gives the seed ids for a need, best first (deeper than `depth`, since a subset takes some out).
    public init(_ set: DevelopmentSet, fields: FieldHierarchy, rank: (MatchDocument) -> [String]) {
        let seeds = Dictionary(uniqueKeysWithValues: set.seedDocuments.map { ($0.id, $0) })
        let grades = set.grades
        var overall = Accumulator()
        var crossField = Accumulator()
        var lowOverlap = Accumulator()
        for need in set.needDocuments {
            let judged = grades[need.id] ?? [:]
            let ranking = rank(need)
            overall.add(ranking, judged)
            func add(pairsWhere belongs: (MatchDocument) -> Bool, to subset: inout Accumulator) {
                let inSubset = judged.filter { belongs(seeds[$0.key]!) }
                guard inSubset.values.contains(where: { $0 >= RankingMetrics.relevantFrom }) else { return }
                let others = Set(judged.filter { $0.value > 0 }.keys).subtracting(inSubset.keys)
                subset.add(ranking.filter { !others.contains($0) }, inSubset)
            }
            add(pairsWhere: { Self.crossesFields(need, $0, fields) }, to: &crossField)
            add(pairsWhere: { DevelopmentSet.contentOverlap(need, $0) < DevelopmentSet.lowOverlap }, to: &lowOverlap)
        }
        self.overall = overall.scores
        self.crossField = crossField.scores
        self.lowOverlap = lowOverlap.scores
    }

    static func crossesFields(_ need: MatchDocument, _ seed: MatchDocument, _ fields: FieldHierarchy) -> Bool {
        let roots = Set(need.fields.map(fields.root(of:)))
        return !roots.isEmpty && !seed.fields.isEmpty && roots.isDisjoint(with: seed.fields.map(fields.root(of:)))
    }

    private struct Accumulator {
        var sums = Scores()

        mutating func add(_ ranking: [String], _ grades: [String: Int]) {
            sums.needs += 1
            sums.mrr += RankingMetrics.reciprocalRank(ranking, grades: grades)
            sums.ndcg += RankingMetrics.ndcg(ranking, grades: grades, at: MatchEvaluation.depth)
            sums.recall += RankingMetrics.recall(ranking, grades: grades, at: MatchEvaluation.depth)
        }

        var scores: Scores {
            guard sums.needs > 0 else { return sums }
            let n = Double(sums.needs)
            return Scores(needs: sums.needs, mrr: sums.mrr / n, ndcg: sums.ndcg / n, recall: sums.recall / n)
        }
    }
}
