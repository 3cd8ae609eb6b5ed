import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

/// Bulk matching from files, with the same engine as the server: the best seeds for each
/// need, as JSON `{"<need id>": ["<seed id>", …]}`, best first.
struct Match: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank seeds for each need (JSON arrays or CSV files with id, title, body, and optional fields, sector, organization).",
        discussion:
            "Prints {\"<need id>\": [\"<seed id>\", …]} with the best seed first. A file with any bad entry is refused with every problem listed."
    )

    @Option(help: "The needs: a JSON array of objects or a CSV file.") var needs: String
    @Option(help: "The seeds: a JSON array of objects or a CSV file.") var seeds: String
    @Option(help: "How many seeds per need.") var top = 10

    func validate() throws {
        guard (1...1_000).contains(top) else { throw ValidationError("--top must be from 1 to 1000, not \(top).") }
    }

    func run() throws {
        let needs = try Self.read(self.needs, kind: .need)
        let seeds = try Self.read(self.seeds, kind: .seed)
        var index = MatchIndex(dictionary: try ConceptDictionary.bundled())
        index.add(contentsOf: seeds)
        var result: [String: [String]] = [:]
        for need in needs {
            result[need.id] = index.candidates(for: need, kinds: [.seed], limit: top, explain: false).map(\.id)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        say(String(decoding: try encoder.encode(result), as: UTF8.self))
    }

    static func read(_ path: String, kind: MatchDocument.Kind) throws -> [MatchDocument] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("Cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try MatchDocumentFile.read(data, kind: kind)
        } catch let refused as MatchDocumentFile.Refused {
            throw ValidationError("\(path) was refused:\n\(refused)")
        }
    }
}
