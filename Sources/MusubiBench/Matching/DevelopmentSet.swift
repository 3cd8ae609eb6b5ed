import Foundation
import MusubiApp
import MusubiCore

/// Needs, seeds and graded judgments of which seeds answer which needs, for measuring the
/// engine (`musubi bench match`). Pairs are also judged by kind: a pair is cross-field when
/// no field of the need shares a root with a field of the seed, and low-overlap when the two
/// texts share few content bigrams (see `contentOverlap`).
public struct DevelopmentSet: Decodable, Sendable {
    public struct Item: Decodable, Sendable {
        public var id: String
        public var title: String
        public var body: String
        public var fields: [String]?
        public var sector: Sector?
        public var organization: String?

        func document(_ kind: MatchDocument.Kind) -> MatchDocument {
            MatchDocument(id: id, kind: kind, title: title, body: body, fields: fields ?? [], sector: sector, organization: organization)
        }
    }

    public struct Judgment: Decodable, Sendable {
        public var need: String
        public var seed: String
        public var grade: Int
    }

    public var needs: [Item]
    public var seeds: [Item]
    public var judgments: [Judgment]

    /// Below this share of shared content bigrams a pair counts as low-overlap.
    public static let lowOverlap = 0.03

    public var needDocuments: [MatchDocument] { needs.map { $0.document(.need) } }
    public var seedDocuments: [MatchDocument] { seeds.map { $0.document(.seed) } }

    /// Grades by need, then by seed.
    public var grades: [String: [String: Int]] {
        judgments.reduce(into: [:]) { $0[$1.need, default: [:]][$1.seed] = $1.grade }
    }

    public static func read(_ data: Data) throws -> DevelopmentSet {
        let set = try JSONDecoder().decode(DevelopmentSet.self, from: data)
        let needIDs = Set(set.needs.map(\.id))
        let seedIDs = Set(set.seeds.map(\.id))
        let unknown = set.judgments.filter { !needIDs.contains($0.need) || !seedIDs.contains($0.seed) || !(0...3).contains($0.grade) }
        guard unknown.isEmpty, needIDs.count == set.needs.count, seedIDs.count == set.seeds.count else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: [],
                    debugDescription: "duplicate ids, or judgments of unknown ids or grades: \(unknown.prefix(3).map { "\($0.need)–\($0.seed)" })"))
        }
        return set
    }

    /// The share of the shorter text's content bigrams (not spaces, not kana alone, which
    /// are mostly particles and endings) that the other text has too.
    public static func contentOverlap(_ a: MatchDocument, _ b: MatchDocument) -> Double {
        let first = contentBigrams(a)
        let second = contentBigrams(b)
        guard !first.isEmpty, !second.isEmpty else { return 0 }
        return Double(first.intersection(second).count) / Double(min(first.count, second.count))
    }

    private static func contentBigrams(_ document: MatchDocument) -> Set<String> {
        let characters = Array(JapaneseText.normalize(document.title + " " + document.body))
        var bigrams: Set<String> = []
        for start in characters.indices.dropLast() {
            let pair = characters[start...(start + 1)]
            if pair.contains(where: { $0.isWhitespace || $0.isPunctuation }) || pair.allSatisfy { $0.unicodeScalars.allSatisfy(\.isHiragana) } {
                continue
            }
            bigrams.insert(String(pair))
        }
        return bigrams
    }
}
