import Foundation

/// Bringing a Slack workspace over from its export: people (as accounts an invitation later
/// claims, or the members who already have the e-mail address), channels with their
/// members, direct conversations, and every message with its original time and author, its
/// thread, reactions, edit mark and files (kept when the export carries them, links to Slack
/// otherwise). The whole export is checked first; if it cannot be read (damaged JSON, no
/// `users.json`, unsafe paths, oversized entries), the report lists why and nothing is
/// written. Otherwise everything is written in one transaction, and the report lists first
/// what did not arrive as the export has it (folders no conversation names, people from
/// outside the workspace, unreadable timestamps, …). Importing the same export again adds
/// nothing; a later export of the same workspace adds only what is new, and the newer text of
/// messages edited since.
public struct SlackImport: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// Something wrong in the export: the entry it is in, what (a catalog key), and which
    /// user, timestamp or name.
    public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
        public var path: String
        public var key: String
        public var detail: String

        public init(path: String, key: String, detail: String = "") {
            self.path = path
            self.key = key
            self.detail = detail
        }

        public var description: String { "\(path): \(key)" + (detail.isEmpty ? "" : " (\(detail))") }
    }

    public struct Summary: Sendable, Equatable, Codable {
        public var peopleCreated = 0
        /// People already in Musubi (by their e-mail address, or from an earlier import).
        public var peopleFound = 0
        /// People the messages name whom the export does not list (of other organisations in
        /// shared channels, removed integrations): brought over without an account, as
        /// deactivated guests, made now or found from an earlier import.
        public var peopleOutside = 0
        public var channelsCreated = 0
        /// Channels already in Musubi (a public channel of the same name, or an earlier import).
        public var channelsFound = 0
        /// Direct conversations with fewer than two people who have accounts (with an app).
        public var conversationsSkipped = 0
        public var messagesImported = 0
        public var messagesAlreadyThere = 0
        /// Already there, and edited in Slack since: given the newer text.
        public var messagesEdited = 0
        /// Joins, leaves, topic changes and other notices, and empty messages.
        public var messagesSkipped = 0
        /// Longer than Musubi keeps (Slack allows 40,000 characters): shortened.
        public var messagesShortened = 0
        public var reactions = 0
        /// Files the export carries, kept with their messages.
        public var files = 0
        /// Files it does not carry, or of a kind or size Musubi does not keep: links to Slack.
        public var fileLinks = 0
    }

    /// What an import did, or why it did nothing.
    public struct Report: Sendable, Equatable, Codable {
        /// Why nothing was written.
        public var problems: [Problem]
        /// Problems found beyond those listed.
        public var moreProblems: Int
        /// What an import that went ahead did not bring over as the export has it.
        public var warnings: [Problem] = []
        public var moreWarnings = 0
        public var summary: Summary?

        public var refused: Bool { !problems.isEmpty }
    }

    public enum Progress: Sendable, Equatable {
        /// Files of the export read and checked.
        case checking(done: Int, total: Int)
        /// Messages of the export gone through: written, found there already, or skipped
        /// (notices, and messages of conversations not imported).
        case writing(done: Int, total: Int)
    }

    /// Whether the person may import (the operator at the command line is nobody: nil).
    public func authorize(_ actor: Requester) throws {
        try Policy.require(actor, .create, .migration)
    }

    /// Checks the export and, if nothing is wrong, imports it, for `actor` (nil: the operator
    /// at the command line).
    public func run(
        _ archive: any ExportArchive, by actor: Requester?, progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> Report {
        if let actor { try authorize(actor) }
        let actorID = actor?.memberID
        let export: SlackExport
        switch SlackExport.read(archive, progress: { progress(.checking(done: $0, total: $1)) }) {
        case .refused(let report): return report
        case .read(let read): export = read
        }
        let now = env.now()
        let files = SlackImportFiles(store: env.files)
        let summary: Summary
        do {
            summary = try await env.persistence.write { repos in
                var writer = SlackImportWriter(export: export, archive: archive, repos: repos, files: files, now: now, progress: progress)
                let summary = try await writer.run(actorID: actorID)
                try await repos.audit.append(
                    actorID: actorID, action: .slackImported, subjectType: "import", subjectID: nil,
                    detail:
                        "\(export.team): \(summary.messagesImported) messages, \(summary.channelsCreated) channels, \(summary.peopleCreated) people",
                    at: now
                )
                return summary
            }
        } catch {
            await files.deleteUnused(importSucceeded: false)
            throw error
        }
        await files.deleteUnused(importSucceeded: true)
        return Report(problems: [], moreProblems: 0, warnings: export.warnings.list, moreWarnings: export.warnings.more, summary: summary)
    }
}
