import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

/// The matching index rebuilt from the database, as the server does at start: synthetic
/// listings are stored first (once; a second run reuses them), then read and indexed.
struct BenchRebuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Store synthetic listings in the database given, then time rebuilding the matching index from it."
    )

    @OptionGroup var options: SettingsOptions
    @Option(help: "The development set the listings are made from.") var set = "bench/matching/devset.json"
    @Option(help: "How many listings the database should hold.") var listings = 100_000

    func run() async throws {
        let set = try DevelopmentSet.read(Data(contentsOf: URL(fileURLWithPath: self.set)))
        let wanted = listings
        try await options.settings().withInstallation { installation in
            let env = installation.environment
            let stored = try await env.persistence.read { try await $0.listings.search(ListingQuery(page: PageRequest(size: 1))).total }
            if stored < wanted { try await Self.store(wanted - stored, from: set, in: env) }
            let clock = ContinuousClock()
            let before = ProcessMemory.residentBytes()
            let elapsed = try await clock.measure { try await Matchmaking(env).rebuildIndex() }
            let after = ProcessMemory.residentBytes()
            say(
                "rebuilt the index of \(env.matchIndex.count) listings from the database in \(elapsed), resident memory +\((after - before) / 1_048_576) MiB"
            )
            // The same two steps apart: reading the rows, and indexing them.
            var read: [Listing] = []
            let reading = try await clock.measure { read = try await env.persistence.read { try await $0.listings.all() } }
            let tree = try await Directory(env).fieldTree()
            let indexing = clock.measure { env.matchIndex.load(read, fields: tree, dictionary: .standard) }
            say("of which reading \(read.count) rows \(reading), indexing \(indexing)")
        }
    }

    private static func store(_ count: Int, from set: DevelopmentSet, in env: CoreEnvironment) async throws {
        var synthetic = SyntheticListings(set, seed: UInt64(count))
        let documents = synthetic.documents(count, kind: .seed, prefix: "")
        let now = env.now()
        let owner = try await env.persistence.write { repos in
            try await repos.members.insert(
                NewMember(
                    email: "bench-\(UUID().uuidString.prefix(8))@example.jp", passwordHash: "", role: .member, status: .active,
                    organizationID: nil, draft: ProfileDraft(name: "ベンチ", nameKana: "べんち", profile: Profile(), fieldIDs: [])),
                at: now
            )
        }
        for start in stride(from: 0, to: documents.count, by: 5_000) {
            let batch = documents[start..<min(start + 5_000, documents.count)]
            try await env.persistence.write { repos in
                for (offset, document) in batch.enumerated() {
                    let draft = ListingDraft(
                        kind: (start + offset) % 2 == 0 ? .seed : .need, title: document.title, summary: document.body,
                        disclosure: (start + offset) % 10 == 0 ? .coordinators : .members
                    )
                    _ = try await repos.listings.insert(ownerID: owner.id, organizationID: nil, sector: document.sector, draft: draft, at: now)
                }
            }
            say("stored \(min(start + 5_000, documents.count)) of \(documents.count) listings")
        }
    }
}
