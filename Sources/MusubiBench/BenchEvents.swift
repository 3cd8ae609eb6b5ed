import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

/// Events under load: many members registering for one event at once through the use case
/// (each registration its own transaction, as the web's are), checked for over-booking; then
/// an event with many registrations left in the data folder for `bench/events.sh` to read its
/// page under wrk.
struct BenchEvents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Register many members for one event at once (rate, over-booking), then leave an event with many registrations for wrk.")

    @OptionGroup var options: SettingsOptions
    @Option(help: "Members made, each of whom registers once.") var members = 1_000
    @Option(help: "Places of the event they register for at once (the rest wait).") var capacity = 800
    @Option(help: "Registrations in flight at once.") var concurrency = 32

    func run() async throws {
        let (members, capacity, concurrency) = (self.members, self.capacity, self.concurrency)
        try await options.settings().withInstallation { installation in
            let env = installation.environment
            let now = env.now()
            let hash = try await env.passwords.hash("bench-password")
            let (ids, organizations) = try await env.persistence.write { repos in
                var organizations: [Int64] = []
                for (number, sector) in Sector.allCases.enumerated() {
                    let draft = OrganizationDraft(
                        name: "ベンチ組織 \(number)", nameKana: "べんち \(number)", sector: sector, prefectureCode: "31", municipality: "鳥取市",
                        website: "", summary: "", fieldIDs: [])
                    organizations.append(try await repos.organizations.insert(draft, at: now).id)
                }
                var ids: [Int64] = []
                for number in 0..<members {
                    let member = try await repos.members.insert(
                        NewMember(
                            email: "event\(number)@bench.example.jp", passwordHash: hash, role: .member, status: .active,
                            organizationID: organizations[number % organizations.count],
                            draft: ProfileDraft(name: "参加 \(number)", nameKana: "さんか \(number)", profile: Profile(), fieldIDs: [])), at: now)
                    ids.append(member.id)
                }
                return (ids, organizations)
            }
            let events = Events(env)
            let coordinator = Requester.member(id: ids[0], role: .admin) // acts as a coordinator here
            let starts = now.addingTimeInterval(30 * 86_400)
            let event = try await events.create(
                coordinator,
                EventDraft(
                    kind: .technologyExchange, title: "技術交流会(ベンチ)", description: String(repeating: "水素と地域のものづくり。", count: 40),
                    startsAt: starts, endsAt: starts.addingTimeInterval(3 * 3600),
                    place: EventPlace(venueName: "産業技術センター", address: "日下1247", prefectureCode: "31", municipality: "米子市"), visibility: .members,
                    capacity: capacity, hostIDs: [organizations[0]], coHostIDs: [organizations[3]]))
            let clock = ContinuousClock()
            var statuses: [RegistrationStatus] = []
            let took = try await clock.measure {
                statuses = try await withThrowingTaskGroup(of: RegistrationStatus.self) { group in
                    var pending = ids[...]
                    var done: [RegistrationStatus] = []
                    func next() {
                        guard let id = pending.popFirst() else { return }
                        group.addTask { try await events.register(.member(id: id, role: .member), eventID: event.id).status }
                    }
                    for _ in 0..<concurrency { next() }
                    while let status = try await group.next() {
                        done.append(status)
                        next()
                    }
                    return done
                }
            }
            let counts = try await env.persistence.read { try await $0.events.counts(eventID: event.id) }
            let seconds = BenchFanout.seconds(took)
            say(
                String(
                    format: "%d registrations (%d at once) in %.2f s: %.0f a second; %d registered, %d waiting for %d places: %@",
                    statuses.count, concurrency, seconds, Double(statuses.count) / seconds, counts.registered, counts.waitlisted, capacity,
                    counts.registered == min(capacity, members) && counts.registered + counts.waitlisted == members
                        ? "none over-booked" : "OVER-BOOKED"))
            say("event \(event.id) has \(counts.registered + counts.waitlisted) registrations: /events/\(event.id)")
        }
    }
}
