import Foundation
import MusubiApp
import MusubiCore

/// The plain baseline the engine is measured against: TF-IDF over character 2- and
/// 3-grams of the whole text with cosine similarity, nothing else. It reads the text after
/// Musubi's normalisation, so that what the engine wins is its own, not the normaliser's.
public struct CharacterGramBaseline: Sendable {
    private var vectors: [(id: String, vector: [String: Double], norm: Double)] = []
    private var frequency: [String: Int] = [:]
    private let documentCount: Int

    public init(_ documents: [MatchDocument]) {
        documentCount = documents.count
        let counted = documents.map { ($0.id, Self.grams(of: $0)) }
        for (_, grams) in counted { for gram in grams.keys { frequency[gram, default: 0] += 1 } }
        vectors = counted.map { id, grams in
            let vector = weighted(grams)
            return (id, vector, Self.norm(vector))
        }
    }

    /// Every document, best first (ties by id), without those scoring zero.
    public func ranking(for query: MatchDocument, limit: Int) -> [String] {
        let vector = weighted(Self.grams(of: query))
        let queryNorm = Self.norm(vector)
        guard queryNorm > 0 else { return [] }
        let scored = vectors.compactMap { entry -> (String, Double)? in
            let dot = vector.reduce(0.0) { $0 + $1.value * (entry.vector[$1.key] ?? 0) }
            return dot > 0 ? (entry.id, dot / (queryNorm * entry.norm)) : nil
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    private func weighted(_ grams: [String: Int]) -> [String: Double] {
        var vector: [String: Double] = [:]
        for (gram, count) in grams {
            let idf = log(Double(documentCount + 1) / Double((frequency[gram] ?? 0) + 1)) + 1
            vector[gram] = (1 + log(Double(count))) * idf
        }
        return vector
    }

    private static func grams(of document: MatchDocument) -> [String: Int] {
        let characters = Array(JapaneseText.normalize(([document.title, document.body] + document.keywords).joined(separator: " ")))
        var grams: [String: Int] = [:]
        for length in 2...3 where characters.count >= length {
            for start in 0...(characters.count - length) {
                let gram = characters[start..<(start + length)]
                if gram.contains(where: { $0.isWhitespace }) { continue }
                grams[String(gram), default: 0] += 1
            }
        }
        return grams
    }

    private static func norm(_ vector: [String: Double]) -> Double {
        vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
