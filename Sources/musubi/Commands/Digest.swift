import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore
import MusubiWeb

/// The weekly digest at the command line: one member's, as the mail would say it now, or the
/// week's for everyone, handed to the outbox at once rather than at the scheduled hour.
struct Digest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview one member's weekly digest, or send this week's digest now.",
        discussion:
            "--send puts this week's digest for every member who has anything in the outbox (once a week: a week already sent is not sent again); the running server sends the outbox."
    )

    @OptionGroup var options: SettingsOptions
    @Option(help: "Print the digest of the member with this e-mail address, as its mail would read now.") var preview: String?
    @Flag(help: "Compose this week's digest for every member now.") var send = false

    func validate() throws {
        guard (preview != nil) != send else { throw ValidationError("Give either --preview EMAIL or --send.") }
    }

    func run() async throws {
        let (preview, send) = (preview, send)
        let settings = try await options.settings()
        let configuration = settings.webConfiguration
        let letters = try MailLetters(configuration: configuration)
        try await settings.withInstallation { installation in
            let digests = Digests(installation.environment)
            if let preview {
                let found: (member: Member, digest: WeeklyDigest)
                do {
                    found = try await digests.preview(email: preview)
                } catch MusubiError.notFound {
                    throw ValidationError("Nobody has the address \(preview).")
                }
                let letter = Letter(
                    to: MailAddress(name: found.member.name, address: preview), content: .digest(found.digest), unsubscribeToken: nil,
                    messageKey: "preview", date: Date())
                let mail = letters.mail(letter)
                say(found.digest.isEmpty ? "(Nothing for \(preview) this week: no mail would be sent.)\n" : "Subject: \(mail.subject)\n")
                say(mail.text)
            } else if send {
                let schedule = configuration.digestSchedule ?? DigestSchedule(timeZone: configuration.timeZone)
                let now = installation.environment.now()
                let week = schedule.week(of: schedule.latest(atOrBefore: now))
                let round = try await digests.send(week: week, until: now)
                if let finished = round.finishedAt, finished < now {
                    say("The digest of the week of \(week) went out already (\(round.mailed) mails, finished \(finished)); nothing was sent again.")
                } else {
                    say("Week of \(week): \(round.composed) members composed, \(round.mailed) digests in the outbox.")
                }
            }
        }
    }
}
