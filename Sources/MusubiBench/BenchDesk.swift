import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore
import MusubiMail
import MusubiWeb

/// The outbox sending to a real SMTP server: letters queued, then sent by the outbox as the
/// server's service sends them (each its own SMTP session), and the rate measured.
struct BenchMail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Queue letters in an empty database, then time the outbox sending them to the SMTP server given.")

    @OptionGroup var options: SettingsOptions
    @Option(help: "How many mails.") var count = 2_000
    @Option(name: .customLong("smtp-url"), help: "Where to send them (smtp://127.0.0.1:8027 for bench/mail.sh's sink).") var smtpURL: String

    func run() async throws {
        let settings = try await options.settings()
        let transport = try SMTPTransport(try SMTPConfiguration.parse(smtpURL))
        let letters = try MailLetters(configuration: settings.webConfiguration)
        let count = self.count
        try await settings.withInstallation { installation in
            let env = installation.environment
            let now = env.now()
            try await env.persistence.write { repos in
                for number in 0..<count {
                    let notice = Notice(
                        step: .fundingCallClosing, actorID: nil, subject: "ものづくり補助金(第20次)の締切まで3日です \(number)", target: .bulletin(1))
                    let letter = Letter(
                        to: MailAddress(name: "会員 \(number)", address: "member\(number)@example.jp"), content: .notice(notice, actorName: ""),
                        unsubscribeToken: "1.funding_call.\(number)", messageKey: "bench-\(number)", date: now)
                    try await repos.mailOutbox.enqueue(letter, kind: "funding_call", at: now)
                }
            }
            let outbox = MailOutbox(env, transport: transport, writer: letters)
            let clock = ContinuousClock()
            var sent = 0
            let took = try await clock.measure {
                while true {
                    let round = try await outbox.sendDue()
                    sent += round.sent
                    if round.sent + round.retried + round.failed == 0 { break }
                    if round.retried + round.failed > 0 { throw ValidationError("the server refused mail: \(round)") }
                }
            }
            say(String(format: "%d mails sent in %.2f s: %.1f mails/s", sent, BenchFanout.seconds(took), Double(sent) / BenchFanout.seconds(took)))
        }
    }
}

/// What the bell costs a page: its count read for one member among many, each with a
/// history of notifications.
struct BenchBell: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bell", abstract: "Give members a history of notifications in an empty database, then time reading one's unread count.")

    @OptionGroup var options: SettingsOptions
    @Option(help: "How many members.") var members = 10_000
    @Option(name: .customLong("per-member"), help: "Notifications each member has, a tenth of them unread.") var perMember = 100
    @Option(help: "Timed reads.") var runs = 10_000

    func run() async throws {
        let (members, perMember, runs) = (self.members, self.perMember, self.runs)
        try await options.settings().withInstallation { installation in
            let env = installation.environment
            guard try await installation.persistence.isEmpty() else { throw ValidationError("Use a fresh --data-dir.") }
            let now = env.now()
            let clock = ContinuousClock()
            let filled = try await clock.measure {
                let hash = try await env.passwords.hash("bench-password")
                let ids = try await env.persistence.write { repos in
                    var ids: [Int64] = []
                    for number in 0..<members {
                        let member = try await repos.members.insert(
                            NewMember(
                                email: "bell\(number)@example.jp", passwordHash: hash, role: .member, status: .active, organizationID: nil,
                                draft: ProfileDraft(name: "会員 \(number)", nameKana: "", profile: Profile(), fieldIDs: [])), at: now)
                        ids.append(member.id)
                    }
                    return ids
                }
                for step in 0..<perMember {
                    let notice = Notice(step: .mentioned, actorID: nil, subject: "#雑談", excerpt: "お知らせ \(step)", target: .home)
                    try await env.persistence.write { try await $0.notifications.insert(notice, for: ids, at: now) }
                }
                // Nine in ten read, as a member who visits now and then leaves them.
                try await env.persistence.write { repos in
                    for id in ids { _ = try await repos.notifications.markRead(memberID: id, ids: nil, at: now) }
                    for step in 0..<max(1, perMember / 10) {
                        let notice = Notice(step: .mentioned, actorID: nil, subject: "#雑談", excerpt: "新しい \(step)", target: .home)
                        try await repos.notifications.insert(notice, for: ids, at: now)
                    }
                }
            }
            say("\(members) members with \(perMember + max(1, perMember / 10)) notifications each, written in \(filled)")
            let notifications = Notifications(env)
            let reader = Requester.member(id: 1 + Int64(members / 2), role: .member)
            var latencies: [Duration] = []
            var unread = 0
            for _ in 0..<runs {
                latencies.append(try await clock.measure { unread = try await notifications.unreadCount(reader) ?? 0 })
            }
            latencies.sort()
            let at = { (p: Double) in BenchSearch.milliseconds(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) }
            say("unread count (\(unread)) over \(runs) reads: p50 \(at(0.5)), p99 \(at(0.99)), max \(BenchSearch.milliseconds(latencies.last!))")
        }
    }
}
