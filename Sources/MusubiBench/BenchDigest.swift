import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

/// The weekly digest for a large community: the demo community (its fields, organisations,
/// bulletins and funding calls) joined by many members whose profiles are made from the
/// development set's sentences, each with unread mentions; then the week's digest for all
/// of them composed (bulletins, calls, Mix suggestions from the matching index, what waits
/// unread) and handed to the outbox, timed.
struct BenchDigest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "Load the demo and many members into an empty database, then time the week's digest for all of them.")

    @OptionGroup var options: SettingsOptions
    @Option(help: "The development set the profiles are made from.") var set = "bench/matching/devset.json"
    @Option(help: "How many members to add to the demo's.") var members = 10_000

    func run() async throws {
        let (count, setPath) = (members, set)
        let set = try DevelopmentSet.read(Data(contentsOf: URL(fileURLWithPath: setPath)))
        try await options.settings().withInstallation { installation in
            let env = installation.environment
            guard try await installation.persistence.isEmpty() else { throw ValidationError("Use a fresh --data-dir.") }
            guard try await installation.loadDemoIfEmpty() != nil else { throw ValidationError("The demo did not load.") }
            let clock = ContinuousClock()
            let filled = try await clock.measure { try await Self.addMembers(count, from: set, env) }
            let indexed = try await clock.measure { try await Matchmaking(env).rebuildIndex() }
            say("\(count) members added in \(filled); matching index of \(env.matchIndex.count) entries built in \(indexed)")
            var round: DigestRound?
            let took = try await clock.measure { round = try await Digests(env).send(week: "bench", until: env.now()) }
            guard let round else { return }
            let seconds = BenchFanout.seconds(took)
            say(
                String(
                    format: "weekly digest: %d members composed, %d mails in the outbox, in %.1f s (%.2f ms a member)", round.composed,
                    round.mailed, seconds, seconds * 1_000 / Double(max(1, round.composed))))
        }
    }

    /// Members in the demo's organisations and fields, with an offer and a wish from the
    /// development set, and two unread mentions each.
    static func addMembers(_ count: Int, from set: DevelopmentSet, _ env: CoreEnvironment) async throws {
        var synthetic = SyntheticListings(set)
        let offers = synthetic.documents(count, kind: .seed, prefix: "o")
        let wishes = synthetic.documents(count, kind: .need, prefix: "w")
        let hash = try await env.passwords.hash("bench-password")
        let now = env.now()
        let (fields, organizations) = try await env.persistence.read { repos in (try await repos.fields.all(), try await repos.organizations.all()) }
        let fieldIDs = Dictionary(fields.map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        let ids = try await env.persistence.write { repos in
            var ids: [Int64] = []
            for number in 0..<count {
                let (offer, wish) = (offers[number], wishes[number])
                let chosen = (offer.fields + wish.fields).compactMap { fieldIDs[$0] }
                let profile = Profile(title: "担当", keywords: [], offer: offer.title + "。" + offer.body, seeking: wish.title + "。" + wish.body)
                let member = try await repos.members.insert(
                    NewMember(
                        email: "digest\(number)@example.jp", passwordHash: hash, role: .member, status: .active,
                        organizationID: organizations[number % organizations.count].id,
                        draft: ProfileDraft(
                            name: "会員 \(number)", nameKana: "", profile: profile,
                            fieldIDs: chosen.isEmpty ? [fields[number % fields.count].id] : Array(Set(chosen)))), at: now)
                ids.append(member.id)
            }
            return ids
        }
        for step in 0..<2 {
            let notice = Notice(step: .mentioned, actorID: nil, subject: "#雑談", excerpt: "展示発表会の件 \(step)", target: .home)
            try await env.persistence.write { try await $0.notifications.insert(notice, for: ids, at: now) }
        }
    }
}
