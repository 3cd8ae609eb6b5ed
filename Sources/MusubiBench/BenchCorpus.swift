import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

/// Synthetic needs and seeds as files, for timing `musubi match`.
struct BenchCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Write synthetic needs.json and seeds.json for musubi match."
    )

    @Option(help: "The development set the listings are made from.") var set = "bench/matching/devset.json"
    @Option(help: "How many needs.") var needs = 1_000
    @Option(help: "How many seeds.") var seeds = 10_000
    @Option(help: "The folder to write to.") var output: String

    func run() throws {
        var synthetic = SyntheticListings(try DevelopmentSet.read(Data(contentsOf: URL(fileURLWithPath: set))))
        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, documents) in [
            ("needs", synthetic.documents(needs, kind: .need, prefix: "n")), ("seeds", synthetic.documents(seeds, kind: .seed, prefix: "s")),
        ] {
            let objects = documents.map { document -> [String: Any] in
                [
                    "id": document.id, "title": document.title, "body": document.body, "fields": document.fields,
                    "sector": document.sector?.rawValue ?? "",
                ]
            }
            try JSONSerialization.data(withJSONObject: objects).write(to: folder.appendingPathComponent("\(name).json"))
        }
        say("wrote \(needs) needs and \(seeds) seeds to \(folder.path)")
    }
}
