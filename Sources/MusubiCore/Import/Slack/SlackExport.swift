import Foundation

/// A Slack workspace export, checked from end to end before anything is written: its paths
/// and its JSON. What it keeps is small (the people, the conversations, where their daily
/// files are and which files it carries, and what will not arrive as it was written);
/// messages are read again, a day at a time, when they are written.
///
/// Real exports name people `users.json` does not list (people of other organisations in
/// shared channels, removed integrations): they are brought over as people from outside the
/// workspace, and listed with every other thing the import changes or leaves out.
///
/// Slack's own export has no files in it, only their addresses. Tools that fetch them add
/// them to the zip as `__uploads/<file id>/<name>` (slack-advanced-exporter does, and
/// Mattermost's importer reads them there); such files are brought over.
struct SlackExport: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        /// `channels.json`, `groups.json`, `dms.json` and `mpims.json`.
        case channel, group, direct, multiparty

        var file: String {
            switch self {
            case .channel: "channels.json"
            case .group: "groups.json"
            case .direct: "dms.json"
            case .multiparty: "mpims.json"
            }
        }
    }

    struct Conversation: Sendable {
        var kind: Kind
        var info: SlackConversation
        /// The folder of its daily files: the channel's name, or a direct conversation's id.
        var folder: String
    }

    /// One day's file of one conversation.
    struct DayFile: Sendable {
        var conversation: Int
        var path: String
    }

    /// The workspace's id (`team_id`), which keeps imported records apart from another
    /// workspace's.
    var team: String
    var users: [SlackUser]
    var conversations: [Conversation]
    /// Daily files by their date (`2024-01-31`), oldest first.
    var days: [(date: String, files: [DayFile])]
    var messageCount: Int
    /// People the messages name (as authors, in reactions) whom `users.json` does not list:
    /// by id, with the name a message's `user_profile` gave them, if any. Oldest id first.
    var outsiders: [(id: String, name: String?)]
    /// What will not arrive as the export has it: folders no conversation names, channels
    /// without a folder, people from outside, references to unknown people and channels,
    /// messages whose time cannot be read.
    var warnings: ProblemList
    /// Files the export carries, by Slack's file id.
    var uploads: [String: ExportArchiveEntry]

    /// The folder of the files an export carries.
    static let uploadsFolder = "__uploads"

    /// At most this many problems are listed; the count of the rest follows.
    static let problemLimit = 100
    /// The most one file of an export may unpack to (a day of one channel is far less). A
    /// carried file may be larger: it is only read when Musubi keeps files of its size.
    static let entryLimit: UInt64 = 64 << 20

    enum Reading {
        case read(SlackExport)
        /// Every problem found (up to the limit).
        case refused(SlackImport.Report)
    }

    /// Reads and checks the whole export.
    static func read(_ archive: any ExportArchive, progress: @Sendable (Int, Int) -> Void = { _, _ in }) -> Reading {
        var problems = ProblemList()
        var seen = Set<String>()
        let root = rootFolder(of: archive.entries.map(\.path))
        for entry in archive.entries {
            if isUnsafe(entry) { problems.add(entry.path, "slack_import.unsafe_path") }
            if !seen.insert(entry.path).inserted { problems.add(entry.path, "slack_import.repeated_path") }
            if entry.size > entryLimit, !entry.path.hasPrefix(root + uploadsFolder + "/") { problems.add(entry.path, "slack_import.too_large") }
        }
        guard problems.isEmpty else { return .refused(problems.report) }

        func decode<T: Decodable>(_ type: T.Type, _ name: String, required: Bool) -> T? {
            let path = root + name
            guard archive.entries.contains(where: { $0.path == path }) else {
                if required { problems.add(path, "slack_import.missing_file") }
                return nil
            }
            do {
                return try JSONDecoder().decode(T.self, from: try archive.contents(of: path))
            } catch is DecodingError {
                problems.add(path, "slack_import.bad_json")
            } catch {
                problems.add(path, "slack_import.unreadable")
            }
            return nil
        }

        let users = decode([SlackUser].self, "users.json", required: true) ?? []
        var conversations: [Conversation] = []
        for kind in Kind.allCases {
            for info in decode([SlackConversation].self, kind.file, required: kind == .channel) ?? [] {
                let folder = kind == .direct ? info.id : (info.name ?? info.id)
                conversations.append(Conversation(kind: kind, info: info, folder: folder))
            }
        }
        let known = Known(people: Set(users.map(\.id)), conversations: Set(conversations.map(\.info.id)))
        var outsiders = Outsiders()
        for conversation in conversations {
            for member in conversation.info.members ?? [] where !known.people.contains(member) {
                outsiders.saw(member, named: nil, at: root + conversation.kind.file, acting: false)
            }
        }

        // Daily files, by folder.
        let folderIndex = Dictionary(conversations.enumerated().map { ($0.element.folder, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var byDate: [String: [DayFile]] = [:]
        var ignored = Set<String>()
        var uploads: [String: ExportArchiveEntry] = [:]
        for entry in archive.entries where !entry.isDirectory && entry.path.hasPrefix(root) {
            let parts = entry.path.dropFirst(root.count).split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 3, parts[0] == uploadsFolder, !parts[1].isEmpty, !parts[2].isEmpty {
                uploads[String(parts[1])] = uploads[String(parts[1])] ?? entry
                continue
            }
            guard parts.count == 2, isDayFile(parts[1]) else { continue }
            guard let conversation = folderIndex[String(parts[0])] else {
                ignored.insert(String(parts[0]))
                continue
            }
            byDate[String(parts[1].dropLast(".json".count)), default: []].append(DayFile(conversation: conversation, path: entry.path))
        }
        let days = byDate.sorted { $0.key < $1.key }.map { (date: $0.key, files: $0.value.sorted { $0.path < $1.path }) }

        var warnings = ProblemList()
        for folder in ignored.sorted() { warnings.add(root + folder + "/", "slack_import.unknown_folder") }
        let withFiles = Set(byDate.values.joined().map(\.conversation))
        for (index, conversation) in conversations.enumerated() where conversation.kind != .direct && !withFiles.contains(index) {
            warnings.add(root + conversation.kind.file, "slack_import.no_folder", conversation.folder)
        }
        var messageCount = 0
        var referencesReported = Set<String>()
        for file in checkFiles(days.flatMap(\.files), of: archive, known: known, progress: progress) {
            messageCount += file.messages
            problems.add(contentsOf: file.problems)
            for (id, name) in file.outsiders { outsiders.saw(id, named: name, at: file.path, acting: true) }
            for warning in file.warnings.list {
                // A timestamp is reported each time; an unknown reference once.
                guard warning.key == "slack_import.bad_timestamp" || referencesReported.insert(warning.key + " " + warning.detail).inserted
                else { continue }
                warnings.add(warning.path, warning.key, warning.detail)
            }
            warnings.add(uncounted: file.warnings.more)
        }
        guard problems.isEmpty else { return .refused(problems.report) }
        for (id, seen) in outsiders.seen.sorted(by: { $0.key < $1.key }) {
            warnings.add(seen.path, "slack_import.outside_person", seen.name.map { "\(id) \($0)" } ?? id)
        }
        let team = users.lazy.compactMap(\.team_id).first { !$0.isEmpty } ?? "slack"
        return .read(
            SlackExport(
                team: team, users: users, conversations: conversations, days: days, messageCount: messageCount,
                outsiders: outsiders.seen.filter(\.value.acting).keys.sorted().map { (id: $0, name: outsiders.seen[$0]?.name) },
                warnings: warnings, uploads: uploads
            ))
    }

    /// Who and what the export lists: references to anything else are reported.
    struct Known: Sendable {
        var people: Set<String>
        var conversations: Set<String>
    }

    /// People named but not listed: where each was first seen, the name a message gave them,
    /// and whether they wrote or reacted (and so are brought over), or are only seated.
    private struct Outsiders {
        var seen: [String: (path: String, name: String?, acting: Bool)] = [:]

        mutating func saw(_ id: String, named name: String?, at path: String, acting: Bool) {
            var entry = seen[id] ?? (path, nil, false)
            entry.name = entry.name ?? name
            entry.acting = entry.acting || acting
            seen[id] = entry
        }
    }

    /// `2024-01-31.json`: the only files of a conversation's folder that hold its messages.
    static func isDayFile(_ name: Substring) -> Bool {
        let digits = name.utf8.map { $0 }
        guard digits.count == 15, name.hasSuffix(".json") else { return false }
        return digits.enumerated().allSatisfy { index, byte in
            switch index {
            case 4, 7: byte == UInt8(ascii: "-")
            case 10...: true
            default: (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
        }
    }

    /// A path that could land outside the folder it is unpacked into (`..`, absolute, a
    /// drive or a backslash), or a link.
    static func isUnsafe(_ entry: ExportArchiveEntry) -> Bool {
        let path = entry.path
        if entry.isLink || path.hasPrefix("/") || path.contains("\\") || path.contains("\0") { return true }
        if path.count >= 2, path.dropFirst().first == ":" { return true }
        return path.split(separator: "/").contains { $0 == ".." }
    }

    /// The folder the export's files are in: none, or the one folder a person zipped them in.
    static func rootFolder(of paths: [String]) -> String {
        guard !paths.contains("users.json") else { return "" }
        let nested = paths.filter { $0.hasSuffix("/users.json") && $0.split(separator: "/").count == 2 }
        return nested.count == 1 ? String(nested[0].dropLast("users.json".count)) : ""
    }
}
