import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

/// Searching the exchange as a member does, through the use case (policy, query, index,
/// ranking, highlighting), over a synthetic corpus stored once in the database given.
struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Store synthetic chat messages in the database given (once), then time searches of 1, 2 and 3+ characters."
    )

    @OptionGroup var options: SettingsOptions
    @Option(help: "The development set the messages' sentences come from.") var set = "bench/matching/devset.json"
    @Option(help: "How many messages the database should hold.") var messages = 1_000_000
    @Option(help: "Timed runs of each query in each order.") var runs = 100

    static let queries: [(kind: String, words: [String])] = [
        ("1 character", ["菌", "港", "炭", "酵", "熱"]),
        ("2 characters", ["養殖", "水素", "AI", "発酵", "センサ"]),
        ("3+ characters", ["燃料電池", "マイクロバブル", "共同研究", "陸上養殖", "補助金"]),
        ("with filters", ["in:ベンチ-007", "養殖 from:佐藤", "センサー after:2025-01-01 before:2025-07-01", "\"燃料電池\" 水素"]),
    ]

    func run() async throws {
        let set = try DevelopmentSet.read(Data(contentsOf: URL(fileURLWithPath: self.set)))
        let (wanted, runs) = (messages, self.runs)
        try await options.settings().withInstallation { installation in
            let env = installation.environment
            let corpus = try await SearchCorpus.prepare(wanted, from: set, in: env)
            let exchange = Exchange(env)
            let zone = TimeZone(identifier: "Asia/Tokyo")!
            let clock = ContinuousClock()
            say(
                "searching as a member who reads \(corpus.publicChannels) public channels and sits in \(corpus.seatedPrivate) of \(corpus.privateChannels) private ones"
            )
            say("| queries | order | p50 | p99 | max | matches (per query) |")
            say("| --- | --- | ---: | ---: | ---: | --- |")
            for (kind, words) in Self.queries {
                for order in MessageSearchOrder.allCases {
                    var latencies: [Duration] = []
                    var totals: [String] = []
                    for word in words {
                        var results = try await exchange.search(corpus.reader, query: word, order: order, page: 1, timeZone: zone)
                        for _ in 0..<runs {
                            latencies.append(
                                try await clock.measure {
                                    results = try await exchange.search(corpus.reader, query: word, order: order, page: 1, timeZone: zone)
                                })
                        }
                        totals.append("\(word) \(results.total)\(results.totalIsCapped ? "+" : "")")
                    }
                    latencies.sort()
                    let at = { (p: Double) in Self.milliseconds(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) }
                    say(
                        "| \(kind) | \(order.rawValue) | \(at(0.5)) | \(at(0.99)) | \(Self.milliseconds(latencies.last!)) | \(totals.joined(separator: ", ")) |"
                    )
                }
            }
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.2f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1_000)
    }
}
