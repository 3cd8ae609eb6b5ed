import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

/// Matching quality on the development set, for Musubi's engine and the plain baseline.
struct BenchMatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "MRR, nDCG@10 and Recall@10 of the engine and of a TF-IDF character 2–3-gram baseline on a development set."
    )

    @Option(help: "The development set (needs, seeds, graded judgments).") var set = "bench/matching/devset.json"
    @Flag(help: "For each need, where each ranker puts its first relevant seed, and the engine's first three with reasons.") var explain = false

    func run() throws {
        let set: DevelopmentSet
        do {
            set = try DevelopmentSet.read(Data(contentsOf: URL(fileURLWithPath: self.set)))
        } catch {
            throw ValidationError("Cannot read the development set \(self.set): \(error)")
        }
        let fields = try DemoCommunity.bundled().fieldHierarchy
        var index = MatchIndex(dictionary: try ConceptDictionary.bundled(), fields: fields)
        index.add(contentsOf: set.seedDocuments)
        let baseline = CharacterGramBaseline(set.seedDocuments)
        let depth = set.seeds.count
        let engine = MatchEvaluation(set, fields: fields) { index.candidates(for: $0, kinds: [.seed], limit: depth, explain: false).map(\.id) }
        let plain = MatchEvaluation(set, fields: fields) { baseline.ranking(for: $0, limit: depth) }

        if explain { Self.explain(set, index: index, baseline: baseline) }
        say("\(set.needs.count) needs, \(set.seeds.count) seeds, \(set.judgments.count) judgments")
        say("| pairs | needs | ranker | MRR | nDCG@10 | Recall@10 |")
        say("| --- | ---: | --- | ---: | ---: | ---: |")
        for (name, pick) in [("all", \MatchEvaluation.overall), ("cross-field", \.crossField), ("low-overlap", \.lowOverlap)] {
            for (ranker, evaluation) in [("Musubi", engine), ("baseline", plain)] {
                let scores = evaluation[keyPath: pick]
                say(
                    "| \(name) | \(scores.needs) | \(ranker) | \(Self.format(scores.mrr)) | \(Self.format(scores.ndcg)) | \(Self.format(scores.recall)) |"
                )
            }
        }
    }

    private static func explain(_ set: DevelopmentSet, index: MatchIndex, baseline: CharacterGramBaseline) {
        let grades = set.grades
        let titles = Dictionary(uniqueKeysWithValues: set.seeds.map { ($0.id, $0.title) })
        for need in set.needDocuments {
            let judged = grades[need.id] ?? [:]
            let found = index.candidates(for: need, kinds: [.seed], limit: set.seeds.count)
            let firstRelevant = { (ranking: [String]) in
                (ranking.firstIndex { (judged[$0] ?? 0) >= RankingMetrics.relevantFrom }).map { String($0 + 1) } ?? "-"
            }
            say(
                "\(need.id) \(need.title): Musubi \(firstRelevant(found.map(\.id))), baseline \(firstRelevant(baseline.ranking(for: need, limit: set.seeds.count)))"
            )
            for candidate in found.prefix(3) {
                say(
                    "    \(candidate.id) [\(judged[candidate.id] ?? 0)] \(format(candidate.score)) \(titles[candidate.id] ?? "") \(candidate.reasons)"
                )
            }
        }
    }

    static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
