import Foundation
import Synchronization

/// Reading and checking an export's daily files, before anything is written: what cannot be
/// read is a problem (nothing is imported); what will not arrive as written is a warning.
extension SlackExport {
    /// What checking one daily file found.
    struct CheckedFile: Sendable {
        var path = ""
        var messages = 0
        var problems = ProblemList()
        var warnings = ProblemList()
        /// Authors and people who reacted whom `users.json` does not list, with the name a
        /// message's `user_profile` gave them.
        var outsiders: [String: String?] = [:]
    }

    /// Reads and checks the daily files on up to four cores (each reader holds a file and
    /// what it decodes to at a time), and gives what each held in the order given.
    static func checkFiles(
        _ files: [DayFile], of archive: any ExportArchive, known: Known, progress: @Sendable (Int, Int) -> Void
    ) -> [CheckedFile] {
        let checked = Mutex((files: [CheckedFile](repeating: CheckedFile(), count: files.count), done: 0))
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: files.count, by: workers) {
                let path = files[index].path
                var file = CheckedFile(path: path)
                do {
                    let messages = try Self.messages(in: files[index], of: archive)
                    file.messages = messages.count
                    check(messages, known: known, into: &file)
                } catch is DecodingError {
                    file.problems.add(path, "slack_import.bad_json")
                } catch {
                    file.problems.add(path, "slack_import.unreadable")
                }
                checked.withLock { checked in
                    checked.files[index] = file
                    checked.done += 1
                    progress(checked.done, files.count)
                }
            }
        }
        return checked.withLock { $0.files }
    }

    /// One day of one conversation, in the order it was written.
    static func messages(in file: DayFile, of archive: any ExportArchive) throws -> [SlackMessage] {
        try JSONDecoder().decode([SlackMessage].self, from: try archive.contents(of: file.path))
    }

    /// What will not arrive as written: a message whose time cannot be read (left out), a
    /// reply whose thread's cannot (standing alone), people and channels nobody lists.
    private static func check(_ messages: [SlackMessage], known: Known, into file: inout CheckedFile) {
        for message in messages {
            guard let ts = message.ts, SlackTimestamp.date(ts) != nil else {
                file.warnings.add(file.path, "slack_import.bad_timestamp", message.ts ?? "")
                continue
            }
            if let thread = message.thread_ts, SlackTimestamp.date(thread) == nil {
                file.warnings.add(file.path, "slack_import.bad_timestamp", thread)
            }
            if let author = message.user, message.subtype != "bot_message", !known.people.contains(author), file.outsiders[author] ?? nil == nil {
                file.outsiders[author] = .some(message.user_profile?.shown)
            }
            for user in (message.reactions ?? []).flatMap({ $0.users ?? [] }) where !known.people.contains(user) && file.outsiders[user] == nil {
                file.outsiders[user] = .some(nil)
            }
            guard let text = message.text, SlackText.mayReferToSomeone(text) else { continue }
            let references = SlackText.references(in: text)
            for person in references.people where !known.people.contains(person) {
                file.warnings.add(file.path, "slack_import.unknown_mention", person)
            }
            for channel in references.channels where !known.conversations.contains(channel) {
                file.warnings.add(file.path, "slack_import.unknown_channel", channel)
            }
        }
    }
}
