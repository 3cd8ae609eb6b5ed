import Foundation
import MusubiApp
import MusubiCore

/// The usual measures of a ranking against graded judgments (0 not relevant, 1 partly,
/// 2 clearly, 3 exactly what was sought). MRR and recall count a result as relevant from
/// `relevantFrom` up; nDCG uses every grade, with gain 2^grade − 1.
public enum RankingMetrics {
    public static let relevantFrom = 2

    /// 1 / the rank of the first relevant result, 0 when none is ranked.
    public static func reciprocalRank(_ ranking: [String], grades: [String: Int]) -> Double {
        guard let position = ranking.firstIndex(where: { (grades[$0] ?? 0) >= relevantFrom }) else { return 0 }
        return 1 / Double(position + 1)
    }

    /// The discounted gain of the first `k` results over that of the ideal ranking.
    public static func ndcg(_ ranking: [String], grades: [String: Int], at k: Int) -> Double {
        let ideal = grades.values.sorted(by: >).prefix(k)
        let best = discountedGain(Array(ideal))
        guard best > 0 else { return 0 }
        return discountedGain(ranking.prefix(k).map { grades[$0] ?? 0 }) / best
    }

    /// The share of relevant results found in the first `k`.
    public static func recall(_ ranking: [String], grades: [String: Int], at k: Int) -> Double {
        let relevant = Set(grades.filter { $0.value >= relevantFrom }.keys)
        guard !relevant.isEmpty else { return 0 }
        return Double(ranking.prefix(k).filter(relevant.contains).count) / Double(relevant.count)
    }

    private static func discountedGain(_ grades: [Int]) -> Double {
        grades.enumerated().reduce(0) { sum, item in sum + (pow(2, Double(item.element)) - 1) / log2(Double(item.offset + 2)) }
    }
}
