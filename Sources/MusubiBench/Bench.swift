import ArgumentParser
import MusubiApp

/// Benchmarks that reproduce the numbers in docs/benchmarks.md.
public struct Bench: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        abstract:
            "Measure Musubi: matching quality on the development set, the matching index's speed, synthetic listings for musubi match, searching the exchange, importing a Slack export, live delivery to many clients, the mail outbox, the notification bell, the weekly digest, reading @names, registering for events.",
        subcommands: [
            BenchMatch.self, BenchIndex.self, BenchRebuild.self, BenchCorpus.self, BenchSearch.self, BenchImport.self, BenchFanout.self,
            BenchMail.self, BenchBell.self, BenchDigest.self, BenchMentions.self, BenchEvents.self,
        ]
    )
}
