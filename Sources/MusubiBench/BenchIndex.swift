import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

/// The matching index's speed: building it for many listings, its memory, and candidates
/// for one listing with reasons, as the server asks for them.
struct BenchIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build the matching index for synthetic listings and time candidates for one listing, and for hostile texts."
    )

    @Option(help: "The development set the listings are made from.") var set = "bench/matching/devset.json"
    @Option(help: "How many listings (half seeds, half needs).") var listings = 100_000
    @Option(help: "How many queries to time.") var queries = 1_000

    func run() throws {
        let set = try DevelopmentSet.read(Data(contentsOf: URL(fileURLWithPath: self.set)))
        var synthetic = SyntheticListings(set)
        let documents =
            synthetic.documents(listings / 2, kind: .seed, prefix: "s") + synthetic.documents(listings - listings / 2, kind: .need, prefix: "n")
        let dictionary = try ConceptDictionary.bundled()
        let fields = try DemoCommunity.bundled().fieldHierarchy

        let before = ProcessMemory.residentBytes()
        let clock = ContinuousClock()
        var index = MatchIndex(dictionary: dictionary, fields: fields)
        let build = clock.measure { index.add(contentsOf: documents) }
        let after = ProcessMemory.residentBytes()
        say("built the index of \(index.count) listings in \(build), resident memory +\((after - before) / 1_048_576) MiB")

        var latencies: [Duration] = []
        var found = 0
        for number in 0..<queries {
            let query = documents[(number * 7_919) % documents.count]
            let kinds: Set<MatchDocument.Kind> = query.kind == .need ? [.seed] : [.need]
            latencies.append(clock.measure { found += index.candidates(for: query, kinds: kinds, limit: 10).count })
        }
        latencies.sort()
        let percentile = { (p: Double) in latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        say(
            "candidates with reasons for \(queries) listings (\(found) found): p50 \(percentile(0.5)), p99 \(percentile(0.99)), max \(latencies.last!)"
        )

        index.add(contentsOf: HostileTexts.documents())
        let ordinary = (0..<100).map { documents[($0 * 7_919) % documents.count] }
        for (name, slowest) in HostileTexts.timings(index, ordinary: ordinary) {
            say("hostile text, \(name): slowest candidates with reasons \(slowest)")
        }
    }
}

enum ProcessMemory {
    /// The resident set size from /proc (Linux), 0 where it cannot be read.
    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
