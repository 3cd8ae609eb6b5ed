import Foundation
import MusubiStore
import MusubiTestSupport
import Synchronization
import Testing

@testable import MusubiCore

/// Importing a Slack workspace export: what arrives is what members then see (people,
/// channels, messages with their times, threads, reactions, markup, files kept or linked); the same
/// export twice adds nothing; a malformed export is refused with a report and nothing written.
@Suite struct SlackImportTests {
    static func run(
        _ export: SlackExportFile, _ env: CoreEnvironment, prefix: String = "", utf8Flag: Bool = true
    ) async throws -> SlackImport.Report {
        let archive = try ZipExportArchive(url: try export.zipped(prefix: prefix, utf8Flag: utf8Flag))
        return try await SlackImport(env).run(archive, by: nil)
    }

    /// The channels a person sits in, by title.
    static func channels(of actor: Requester, _ c: Community) async throws -> [String: ExchangeChannel] {
        Dictionary(try await Exchange(c.env).channels(actor).map { ($0.title, $0.channel) }, uniquingKeysWith: { first, _ in first })
    }

    /// Slack writes the names of a Japanese workspace's folders in UTF-8 without saying so:
    /// read as CP437 they named no channel and #水素 arrived empty.
    @Test(arguments: TestDatabase.available)
    func japaneseFolderNamesArriveWhenTheZipDoesNotSayTheyAreUTF8(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let report = try await Self.run(SlackExportFile.sample(), c.env, utf8Flag: false)
            #expect(report.problems.isEmpty)
            #expect(report.warnings.isEmpty, "no folder left alone: \(report.warnings)")
            let summary = try #require(report.summary)
            #expect(summary.messagesImported == 13)
            let hydrogen = try #require(try await Self.channels(of: c.actor(c.member), c)["水素"])
            let timeline = try await persistence.read { try await $0.messages.timeline(channelID: hydrogen.id, before: nil, limit: 50) }
            #expect(!timeline.isEmpty, "the messages of #水素 arrived")
        }
    }

    @Test(arguments: TestDatabase.available)
    func importsPeopleChannelsAndConversations(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let report = try await Self.run(SlackExportFile.sample(), c.env)
            #expect(report.problems.isEmpty)
            let summary = try #require(report.summary)
            #expect(summary.peopleFound == 1, "U01 has the seeded member's address, in other letters")
            #expect(summary.peopleCreated == 3)
            #expect(summary.channelsCreated == 5 && summary.channelsFound == 0)
            #expect(summary.conversationsSkipped == 1, "a conversation with Slackbot has one person")
            #expect(summary.messagesImported == 13)
            #expect(summary.messagesSkipped == 2, "a join and a topic change (Slackbot's conversation is skipped whole)")
            #expect(summary.reactions == 3 && summary.fileLinks == 1)

            // People: new accounts nobody can sign in to until invited; a guest stays a guest.
            let people = try await persistence.read { repos in try await repos.members.all() }
            let tanaka = try #require(people.first { $0.name == "田中 健司" })
            let li = try #require(people.first { $0.name == "Li Wei" })
            let taro = try #require(people.first { $0.name == "退職 太郎" })
            #expect(tanaka.profile.title == "開発部長")
            #expect(li.role == .guest && taro.status == .deactivated)
            let accounts = try await persistence.read { repos in
                (try await repos.accounts.account(memberID: tanaka.id), try await repos.accounts.account(memberID: taro.id))
            }
            #expect(accounts.0?.email == "tanaka@sanin-marine.example.jp" && accounts.0?.passwordHash == "")
            #expect(accounts.1?.email.hasSuffix(".slack.invalid") == true, "no address: one that can never be mistaken for a real one")
            #expect(!people.contains { $0.name == "勤怠ボット" || $0.name == "Slackbot" }, "apps get no account")

            // The matched member sees the channels, the group's and the direct conversations.
            let member = c.actor(c.member)
            let exchange = Exchange(c.env)
            let mine = try await Self.channels(of: member, c)
            let general = try #require(mine["general"])
            #expect(general.kind == .public && general.topic == "全体の連絡 @田中 健司" && general.description == "全員が参加するチャンネル")
            #expect(try #require(mine["secret-plan"]).kind == .private)
            #expect(mine.values.filter { $0.kind == .direct }.count == 2)
            let imported = Set(mine.values.map(\.id)).subtracting([c.lobby.id, c.room.id])
            #expect(
                try await exchange.channels(member).filter { imported.contains($0.channel.id) }.allSatisfy { $0.unread.messages == 0 },
                "imported history is read")

            // The timeline: original times and authors, markup, reactions, the edit mark, apps, files.
            let view = try await exchange.show(member, channelID: general.id)
            let timeline = view.messages
            #expect(timeline.count == 6, "roots and the broadcast reply, not the reply or the notices")
            let first = timeline[0]
            #expect(first.authorID == c.member.id)
            #expect(first.createdAt == Date(timeIntervalSince1970: 1_704_848_460))
            #expect(first.editedAt == Date(timeIntervalSince1970: 1_704_848_580))
            #expect(first.body == "<!channel> 新年の交流会は [こちら](https://example.jp/event) です & 申込は <@\(tanaka.id)> まで。危険")
            let reactions = try #require(view.details.reactions[first.id])
            #expect(reactions.map(\.emoji) == ["👍", "🎉"] && reactions[0].memberIDs == [tanaka.id, taro.id], "\(reactions)")
            let root = timeline[1]
            #expect(root.body == "スレッドで質問です" && root.replyCount == 2)
            #expect(timeline[2].alsoInChannel && timeline[2].threadRootID == root.id && timeline[2].authorID == taro.id)
            let app = timeline[3]
            #expect(app.isByApp && app.authorName == "勤怠ボット" && app.authorIcon == "🤖")
            #expect(timeline[4].body == "資料です\n📎 [計画書.pdf](https://sample.slack.com/files/U02/F01/plan.pdf)")
            #expect(timeline[5].isDeleted && timeline[5].body.isEmpty && timeline[5].replyCount == 1, "a deleted message keeps its thread")

            // The thread, in order, with a channel reference made Musubi's.
            let thread = try await exchange.thread(member, rootID: root.id)
            #expect(thread.replies.map(\.body) == ["回答します。詳細は <#\(try #require(mine["水素"]).id)> で", "みなさんにも共有します"])

            // Mentions: Tanaka is mentioned; Li only where Li is seated (水素, as a guest).
            let tanakaMentions = try await exchange.mentions(c.actor(tanaka), page: PageRequest(number: 1, size: 20))
            #expect(tanakaMentions.items.map(\.message.id) == [first.id])
            let liMentions = try await exchange.mentions(c.actor(li), page: PageRequest(number: 1, size: 20))
            #expect(liMentions.items.map(\.message.body) == ["<@\(li.id)> 詳しく教えてください"])

            // Search finds imported words for those who may see them, and nothing more.
            let found = try await exchange.search(member, query: "交流会", order: .newest, page: 1, timeZone: .current)
            #expect(found.hits.map(\.message.id) == [first.id])
            #expect(try await exchange.search(member, query: "養殖計画", order: .newest, page: 1, timeZone: .current).total == 1)
            #expect(try await exchange.search(c.actor(li), query: "養殖計画", order: .newest, page: 1, timeZone: .current).total == 0)
            #expect(try await exchange.search(c.actor(c.coordinator), query: "個別の相談", order: .newest, page: 1, timeZone: .current).total == 0)
            #expect(try await exchange.search(c.actor(li), query: "三人", order: .newest, page: 1, timeZone: .current).total == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func importingTheSameExportTwiceChangesNothingAndALaterOneAddsOnlyWhatIsNew(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            var export = SlackExportFile.sample()
            _ = try await Self.run(export, c.env)
            // Someone leaves the private channel after the import: the next one leaves them out.
            let secret = try #require(try await Self.channels(of: c.actor(c.member), c)["secret-plan"])
            try await persistence.write { repos in try await repos.channels.removeSeat(channelID: secret.id, memberID: c.member.id) }
            let after = try await persistence.rowCounts()

            let again = try #require(try await Self.run(export, c.env).summary)
            #expect(again.peopleCreated == 0 && again.peopleFound == 4)
            #expect(again.channelsCreated == 0 && again.channelsFound == 5)
            #expect(again.messagesImported == 0 && again.messagesAlreadyThere == 13)
            var counts = try await persistence.rowCounts()
            counts["audit_log"]! -= 1
            #expect(counts == after, "only the audit entry of the second run is new; no seat comes back")

            // A later export: one more reply in the old thread, a message longer than Musubi
            // keeps (with a file), one new message.
            export.set(
                "general/2024-01-13.json",
                json: [
                    ["type": "message", "user": "U02", "ts": SlackExportFile.ts(4320), "text": "追加の返信", "thread_ts": SlackExportFile.ts(5)],
                    [
                        "type": "message", "user": "U02", "ts": SlackExportFile.ts(4321), "text": String(repeating: "長文", count: 5_000),
                        "files": [["name": "長文.txt", "permalink": "https://sample.slack.com/files/U02/F09/long.txt"]],
                    ],
                    ["type": "message", "user": "U02", "ts": SlackExportFile.ts(4322), "text": "新しい話題"],
                ])
            let later = try #require(try await Self.run(export, c.env).summary)
            #expect(later.messagesImported == 3 && later.messagesAlreadyThere == 13 && later.messagesShortened == 1)
            let general = try #require(try await Self.channels(of: c.actor(c.member), c)["general"])
            let view = try await Exchange(c.env).show(c.actor(c.member), channelID: general.id)
            #expect(view.messages.last?.body == "新しい話題")
            let long = view.messages[view.messages.count - 2].body
            #expect(long.count <= MessageText.limit && long.hasSuffix("…\n📎 [長文.txt](https://sample.slack.com/files/U02/F09/long.txt)"))
            let root = try #require(view.messages.first { $0.body == "スレッドで質問です" })
            #expect(root.replyCount == 3)
        }
    }

    /// Slack's export has no files; tools that fetch them put them in `__uploads/<id>/<name>`.
    static func withCarriedFiles() -> SlackExportFile {
        var export = SlackExportFile.sample()
        export.set("__uploads/F01/計画書.pdf", data: MessageFileTests.pdf)
        export.set("__uploads/F03/タンク図面.png", data: MessageFileTests.png)
        export.set("__uploads/F04/demo.mp4", data: Data(repeating: 7, count: 100))
        export.set("__uploads/F05/偽装.pdf", data: Data("not a pdf".utf8))
        export.set("__uploads/F06/大きい.txt", data: Data(repeating: UInt8(ascii: "a"), count: Exchange.fileLimits.size + 1))
        export.set("__uploads/F07/極秘資料.pdf", data: MessageFileTests.pdf)
        for n in 1...5 { export.set("__uploads/F1\(n)/写真\(n).png", data: MessageFileTests.png) }
        func file(_ id: String, _ name: String) -> [String: Any] {
            ["id": id, "name": name, "permalink": "https://sample.slack.com/files/U02/\(id)/x"]
        }
        export.set(
            "水素/2024-01-13.json",
            json: [
                ["type": "message", "user": "U02", "ts": SlackExportFile.ts(4320), "text": "  ", "files": [file("F03", "タンク図面.png")]],
                [
                    "type": "message", "user": "U03", "ts": SlackExportFile.ts(4323), "text": "写真を5枚",
                    "files": (1...5).map { file("F1\($0)", "写真\($0).png") },
                ],
                [
                    "type": "message", "user": "U02", "ts": SlackExportFile.ts(4321), "text": "動画と資料",
                    "files": [file("F04", "demo.mp4"), file("F05", "偽装.pdf"), file("F06", "大きい.txt")],
                ],
            ])
        export.set(
            "secret-plan/2024-01-13.json",
            json: [
                ["type": "message", "user": "U01", "ts": SlackExportFile.ts(4322), "text": "計画の詳細", "files": [file("F07", "極秘資料.pdf")]]
            ])
        return export
    }

    @Test(arguments: TestDatabase.available)
    func filesTheExportCarriesAreKeptWithTheirMessagesAndTheRestLinked(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let files = MessageFileTests.KeptFiles()
            let c = try await Community.seed(MessageFileTests.environment(persistence, files))
            let seeded = files.count
            let summary = try #require(try await Self.run(Self.withCarriedFiles(), c.env).summary)
            #expect(summary.files == 3 + 4 && summary.fileLinks == 3 + 1, "\(summary)")
            #expect(files.count == seeded + 7)

            let member = c.actor(c.member)
            let li = try #require(try await persistence.read { try await $0.members.all() }.first { $0.name == "Li Wei" })
            let exchange = Exchange(c.env)
            let mine = try await Self.channels(of: member, c)
            // Kept: the file is the message's, the link to Slack is gone; a file alone needs no text.
            let general = try await exchange.show(member, channelID: try #require(mine["general"]).id)
            let plan = try #require(general.messages.first { $0.body == "資料です" })
            let planFile = try #require(general.details.files[plan.id]?.first)
            #expect(planFile.filename == "計画書.pdf" && planFile.file.kind == .pdf)
            #expect(try await exchange.file(member, id: planFile.id).1 == MessageFileTests.pdf)
            let hydrogen = try await exchange.show(member, channelID: try #require(mine["水素"]).id)
            let drawing = try #require(hydrogen.messages.first { hydrogen.details.files[$0.id]?.first?.filename == "タンク図面.png" })
            #expect(drawing.body.isEmpty)
            // Linked: a kind Musubi does not keep, content that is not what its name says, too large.
            let linked = try #require(hydrogen.messages.first { $0.body.hasPrefix("動画と資料") })
            #expect(linked.body.hasPrefix("動画と資料\n📎 [demo.mp4](https://sample.slack.com/files/U02/F04/x)\n📎 [偽装.pdf]"))
            // As when posting, a message keeps four files at most; the fifth is a link.
            let photos = try #require(hydrogen.messages.first { $0.body.hasPrefix("写真を5枚") })
            #expect(hydrogen.details.files[photos.id]?.map(\.filename) == ["写真1.png", "写真2.png", "写真3.png", "写真4.png"])
            #expect(photos.body == "写真を5枚\n📎 [写真5.png](https://sample.slack.com/files/U02/F15/x)")
            #expect(linked.body.hasSuffix("📎 [大きい.txt](https://sample.slack.com/files/U02/F06/x)") && hydrogen.details.files[linked.id] == nil)

            // Only those who see the channel fetch or find a kept file.
            let secret = try await exchange.show(member, channelID: try #require(mine["secret-plan"]).id)
            let secretFile = try #require(secret.messages.last.flatMap { secret.details.files[$0.id]?.first })
            await #expect(throws: MusubiError.notFound) { try await exchange.file(c.actor(li), id: secretFile.id) }
            func found(_ actor: Requester, _ query: String) async throws -> Int {
                try await exchange.search(actor, query: query, order: .newest, page: 1, timeZone: MessageFileTests.zone).total
            }
            #expect(try await [found(member, "図面"), found(c.actor(li), "図面")] == [1, 1])
            #expect(try await [found(member, "極秘"), found(c.actor(li), "極秘")] == [1, 0])

            // Again: nothing new is written or kept.
            let again = try #require(try await Self.run(Self.withCarriedFiles(), c.env).summary)
            #expect(again.files == 0 && again.messagesImported == 0)
            #expect(files.count == seeded + 7)
        }
    }

    /// The disk store, failing from the `failingFrom`th file it is given.
    final class FailingFiles: FileStore {
        let kept = MessageFileTests.KeptFiles()
        let saves = Mutex(0)
        let failingFrom: Int

        init(failingFrom: Int) { self.failingFrom = failingFrom }

        func save(_ data: Data) async throws -> String {
            guard
                saves.withLock({
                    $0 += 1
                    return $0 < failingFrom
                })
            else { throw CocoaError(.fileWriteOutOfSpace) }
            return try await kept.save(data)
        }

        func save(_ data: Data, as name: String) async throws { try await kept.save(data, as: name) }

        func read(_ name: String) async throws -> Data { try await kept.read(name) }
        func delete(_ name: String) async throws { try await kept.delete(name) }
        func names(savedBefore date: Date) async throws -> [String] { try await kept.names(savedBefore: date) }
    }

    /// A seeded community (its files kept on disk), and an environment whose file store fails
    /// from the `failingFrom`th file an import saves.
    static func withFailingFiles(from failingFrom: Int, _ persistence: SQLPersistence) async throws -> (FailingFiles, Community, CoreEnvironment) {
        let files = FailingFiles(failingFrom: failingFrom)
        let c = try await Community.seed(MessageFileTests.environment(persistence, files.kept))
        return (files, c, CoreEnvironment(persistence: persistence, files: files, passwords: c.env.passwords, secrets: c.env.secrets, now: c.env.now))
    }

    @Test(arguments: TestDatabase.available)
    func filesOfAnImportThatFailsOrOfAMessageTwiceAreNotLeftBehind(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let (files, c, env) = try await Self.withFailingFiles(from: 3, persistence)
            let (before, seeded) = (try await persistence.rowCounts(), files.kept.count)
            await #expect(throws: CocoaError.self) { try await Self.run(Self.withCarriedFiles(), env) }
            #expect(try await persistence.rowCounts() == before, "nothing written")
            #expect(files.kept.count == seeded, "the two files saved before the failure are deleted again")

            // The same message twice (as an export joined from two can have it): one file kept.
            var export = SlackExportFile.sample()
            export.set("__uploads/F01/計画書.pdf", data: MessageFileTests.pdf)
            export.set(
                "general/2024-01-12.json",
                json: [
                    ["type": "message", "user": "U02", "ts": SlackExportFile.ts(1442), "text": "資料です", "files": [["id": "F01", "name": "計画書.pdf"]]]
                ])
            let summary = try #require(try await Self.run(export, c.env).summary)
            #expect(summary.files == 1 && summary.messagesAlreadyThere == 1)
            #expect(files.kept.count == seeded + 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLargeExportIsWrittenInBatchesWithItsThreadsAcrossThem(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            var export = SlackExportFile.sample()
            // A busy day of more than one batch opens a thread; its reply comes the next day,
            // sent to the channel too.
            let busy = SlackImportWriter.batchSize + 100
            let root = SlackExportFile.ts(50_000)
            export.set(
                "general/2024-02-10.json",
                json: (0..<busy).map { index in
                    ["type": "message", "user": "U01", "ts": SlackExportFile.ts(50_000, index), "text": index == 0 ? "大きなスレッドの始まり" : "発言 \(index)"]
                })
            export.set(
                "general/2024-02-11.json",
                json: [
                    [
                        "type": "message", "subtype": "thread_broadcast", "user": "U02", "ts": SlackExportFile.ts(51_500), "text": "翌日の返信",
                        "thread_ts": root,
                    ]
                ])
            let summary = try #require(try await Self.run(export, c.env).summary)
            #expect(summary.messagesImported == 13 + busy + 1)
            let general = try #require(try await Self.channels(of: c.actor(c.member), c)["general"])
            let view = try await Exchange(c.env).show(c.actor(c.member), channelID: general.id)
            let reply = try #require(view.messages.last)
            #expect(reply.body == "翌日の返信" && reply.alsoInChannel)
            let rootID = try #require(reply.threadRootID)
            let first = try #require(try await persistence.read { repos in try await repos.messages.find(ids: [rootID]) }.first)
            #expect(first.body == "大きなスレッドの始まり" && first.replyCount == 1)
            #expect(view.messages.map(\.id) == view.messages.map(\.id).sorted(), "ids follow time across the batches")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailureAfterABatchIsWrittenTakesThatBatchsFilesToo(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let (files, _, env) = try await Self.withFailingFiles(from: 2, persistence)
            var export = SlackExportFile.sample()
            export.set("__uploads/F31/一日目.pdf", data: MessageFileTests.pdf)
            export.set("__uploads/F32/二日目.pdf", data: MessageFileTests.pdf)
            // The first batch ends with a busy day whose first message has a file; the second
            // batch's file is the one the store refuses, after the first batch is written.
            export.set(
                "general/2024-02-10.json",
                json: (0..<SlackImportWriter.batchSize).map { index in
                    var message: [String: Any] = ["type": "message", "user": "U01", "ts": SlackExportFile.ts(50_000, index), "text": "発言 \(index)"]
                    if index == 0 { message["files"] = [["id": "F31", "name": "一日目.pdf"]] }
                    return message
                })
            export.set(
                "general/2024-02-11.json",
                json: [
                    ["type": "message", "user": "U02", "ts": SlackExportFile.ts(51_500), "text": "翌日", "files": [["id": "F32", "name": "二日目.pdf"]]]
                ])
            let (before, seeded) = (try await persistence.rowCounts(), files.kept.count)
            await #expect(throws: CocoaError.self) { try await Self.run(export, env) }
            #expect(try await persistence.rowCounts() == before, "nothing written")
            #expect(files.kept.count == seeded, "the written batch's file is deleted with the rest")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aMalformedExportIsRefusedWithAReportAndNothingWritten(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let before = try await persistence.rowCounts()
            var cases: [(String, SlackExportFile, SlackImport.Problem)] = []
            var export = SlackExportFile.sample()
            export.set("users.json", data: Data("[{\"id\": \"U01\",".utf8))
            cases.append(("truncated users.json", export, SlackImport.Problem(path: "users.json", key: "slack_import.bad_json")))
            export = SlackExportFile.sample()
            export.set("水素/2024-01-10.json", json: ["not": "a list"])
            cases.append(("a day that is not a list", export, SlackImport.Problem(path: "水素/2024-01-10.json", key: "slack_import.bad_json")))
            export = SlackExportFile.sample()
            export.remove("users.json")
            cases.append(("no users.json", export, SlackImport.Problem(path: "users.json", key: "slack_import.missing_file")))
            export = SlackExportFile.sample()
            export.set("../../etc/cron.d/evil.json", json: [])
            cases.append(("a zip-slip path", export, SlackImport.Problem(path: "../../etc/cron.d/evil.json", key: "slack_import.unsafe_path")))
            export = SlackExportFile.sample()
            export.set("/tmp/absolute.json", json: [])
            cases.append(("an absolute path", export, SlackImport.Problem(path: "/tmp/absolute.json", key: "slack_import.unsafe_path")))
            export = SlackExportFile.sample()
            export.entries.append(("channels.json", Data("[]".utf8)))
            cases.append(("a path twice", export, SlackImport.Problem(path: "channels.json", key: "slack_import.repeated_path")))
            for (name, export, expected) in cases {
                let report = try await Self.run(export, c.env)
                #expect(report.refused, "\(name)")
                #expect(report.problems.contains(expected), "\(name): \(report.problems)")
                #expect(report.summary == nil)
                #expect(try await persistence.rowCounts() == before, "\(name): nothing written")
            }

            // The daily files are checked on every core; the report lists them by date and path.
            export = SlackExportFile.sample()
            export.set("general/2024-01-14.json", json: ["not": "a list"])
            export.set("水素/2024-01-10.json", data: Data("[{\"type\": \"message\",".utf8))
            let report = try await Self.run(export, c.env)
            #expect(report.problems.map(\.path) == ["水素/2024-01-10.json", "general/2024-01-14.json"])
            #expect(try await persistence.rowCounts() == before)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anExportZippedInsideItsFolderIsReadAndOtherFilesAreNotArchives(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let report = try await Self.run(SlackExportFile.sample(), c.env, prefix: "Sample Slack export Jan 10 2024/")
            #expect(report.summary?.messagesImported == 13)

            let folder = TestFolders.new("not-a-zip")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let notZip = folder.appendingPathComponent("export.zip")
            try Data("users.json".utf8).write(to: notZip)
            #expect(throws: ZipExportArchive.OpenError.notAnArchive) { try ZipExportArchive(url: notZip) }
        }
    }
}
