import Foundation
import MusubiStore
import MusubiTestSupport
import Testing

@testable import MusubiCore

/// What real exports hold and an import must bring over all the same: people `users.json`
/// does not list, references to them and to channels that are gone, a time that cannot be
/// read, folders and channels that do not match, Slack's escapes, and a later export with
/// messages edited since. Each is imported and reported, never a reason to refuse the rest.
@Suite struct SlackImportLosesNothingTests {
    /// The sample, with what a shared channel and an old workspace add to it.
    static func withStrangers() -> SlackExportFile {
        var export = SlackExportFile.sample()
        export.set(
            "groups.json",
            json: [
                [
                    "id": "G01", "name": "secret-plan", "created": 1_704_000_200, "creator": "U01", "members": ["U01", "U02", "U77"],
                    "topic": ["value": ""], "purpose": ["value": "社外秘"],
                ],
                ["id": "G03", "name": "空き部屋", "created": 1_704_000_300, "creator": "U01", "members": ["U01"]],
            ])
        export.set(
            "secret-plan/2024-01-13.json",
            json: [
                [
                    "type": "message", "user": "U99", "ts": SlackExportFile.ts(4000),
                    "user_profile": ["real_name": "外部 花子", "display_name": "hanako"],
                    "text": "<@U0GHOST0001> さんと <#C0GONE|旧チャンネル> で話しました",
                    "reactions": [["name": "+1", "users": ["U01", "U98"], "count": 2]],
                ],
                ["type": "message", "user": "U01", "ts": "yesterday", "text": "いつ?"],
                ["type": "message", "user": "U01", "ts": SlackExportFile.ts(4001), "thread_ts": "someday", "text": "返信のつもり"],
                ["type": "message", "user": "U98", "ts": SlackExportFile.ts(4002), "text": "名前の分からない人"],
            ])
        // A folder whose name matches no channel (as a mis-read name did).
        export.set("Θ¢æΦ½ç/2024-01-10.json", json: [["type": "message", "user": "U01", "ts": SlackExportFile.ts(9), "text": "迷子"]])
        return export
    }

    @Test(arguments: TestDatabase.available)
    func peopleAndThingsTheExportDoesNotListArriveAndAreReported(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let report = try await SlackImportTests.run(Self.withStrangers(), c.env)
            #expect(!report.refused, "\(report.problems)")
            let warnings = Set(report.warnings.map { "\($0.path) \($0.key) \($0.detail)" })
            let expected: Set<String> = [
                "groups.json slack_import.outside_person U77",
                "secret-plan/2024-01-13.json slack_import.outside_person U99 外部 花子",
                "secret-plan/2024-01-13.json slack_import.outside_person U98",
                "secret-plan/2024-01-13.json slack_import.unknown_mention U0GHOST0001",
                "secret-plan/2024-01-13.json slack_import.unknown_channel C0GONE",
                "secret-plan/2024-01-13.json slack_import.bad_timestamp yesterday",
                "secret-plan/2024-01-13.json slack_import.bad_timestamp someday",
                "Θ¢æΦ½ç/ slack_import.unknown_folder ",
                "groups.json slack_import.no_folder 空き部屋",
            ]
            #expect(warnings == expected, "\(warnings.symmetricDifference(expected))")
            let summary = try #require(report.summary)
            #expect(summary.peopleOutside == 2, "the two who wrote or reacted; one only seated is not brought over")
            #expect(summary.messagesImported == 13 + 3, "all but the one whose time cannot be read")

            // The people from outside: no account, not in the directory, named as Slack showed them.
            let people = try await persistence.read { try await $0.members.all() }
            let hanako = try #require(people.first { $0.name == "外部 花子" })
            let nameless = try #require(people.first { $0.name == "U98" })
            for outsider in [hanako, nameless] { #expect(outsider.status == .deactivated && outsider.role == .guest) }
            #expect(!people.contains { $0.name == "U77" })

            let secret = try #require(try await SlackImportTests.channels(of: c.actor(c.member), c)["secret-plan"])
            let view = try await Exchange(c.env).show(c.actor(c.member), channelID: secret.id)
            let written = try #require(view.messages.first { $0.authorID == hanako.id })
            #expect(written.body == "@U0GHOST0001 さんと #旧チャンネル で話しました", "references stay readable")
            #expect(view.details.reactions[written.id]?.first?.memberIDs == [c.member.id, nameless.id])
            #expect(view.messages.contains { $0.body == "返信のつもり" && $0.threadRootID == nil }, "a reply whose thread cannot be read stands alone")
            #expect(view.messages.contains { $0.authorID == nameless.id })

            // Again: the same people are found, nobody new is made.
            let again = try #require(try await SlackImportTests.run(Self.withStrangers(), c.env).summary)
            #expect(again.peopleOutside == 2 && again.peopleCreated == 0 && again.messagesImported == 0)
            #expect(try await persistence.read { try await $0.members.all() }.count == people.count)
        }
    }

    /// Slack escapes `&`, `<` and `>` in text; they come back as characters after its own
    /// `<…>` references are converted, wherever its text is.
    @Test(arguments: TestDatabase.available)
    func slacksEscapesBecomeTheCharactersTheyStandFor(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            var export = SlackExportFile.sample()
            export.set(
                "channels.json",
                json: [
                    [
                        "id": "C01", "name": "general", "created": 1_704_000_000, "members": ["U01", "U02"],
                        "topic": ["value": "&lt;重要&gt; 連絡 &amp; 相談"], "purpose": ["value": "A &lt; B"],
                    ]
                ])
            export.remove("水素/2024-01-10.json")
            export.set(
                "general/2024-01-10.json",
                json: [
                    [
                        "type": "message", "user": "U01", "ts": SlackExportFile.ts(1),
                        "text": "改行は &lt;br&gt; で、A &amp;&amp; B。&amp;lt; は書いたまま。<https://example.jp/?a=1&amp;b=2|資料 &lt;案&gt;>",
                    ],
                    [
                        "type": "message", "user": "U02", "ts": SlackExportFile.ts(2), "text": "",
                        "attachments": [["fallback": "&lt;b&gt;太字&lt;/b&gt; の引用"]],
                    ],
                ])
            let report = try await SlackImportTests.run(export, c.env)
            #expect(!report.refused, "\(report.problems)")
            let general = try #require(try await SlackImportTests.channels(of: c.actor(c.member), c)["general"])
            #expect(general.topic == "<重要> 連絡 & 相談" && general.description == "A < B")
            let bodies = try await Exchange(c.env).show(c.actor(c.member), channelID: general.id).messages.map(\.body)
            #expect(bodies.prefix(2) == ["改行は <br> で、A && B。&lt; は書いたまま。[資料 <案>](https://example.jp/?a=1&b=2)", "<b>太字</b> の引用"])
        }
    }

    /// A later export brings the text of messages edited in Slack since the last import.
    @Test(arguments: TestDatabase.available)
    func aLaterExportBringsEditsMadeSince(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            var export = SlackExportFile.sample()
            _ = try await SlackImportTests.run(export, c.env)
            let member = c.actor(c.member)
            let general = try #require(try await SlackImportTests.channels(of: member, c)["general"])
            let before = try await Exchange(c.env).show(member, channelID: general.id).messages
            let question = try #require(before.first { $0.body == "スレッドで質問です" })
            let tanakaID = try #require(question.authorID)

            // In Slack: the question edited at +2 h; the announcement's edit mark unchanged.
            var day =
                try JSONSerialization.jsonObject(with: try #require(export.entries.first { $0.path == "general/2024-01-10.json" }).data)
                as! [[String: Any]]
            day[2]["text"] = "スレッドで質問です(追記: 水素タンクの件、<@U01> さんに)"
            day[2]["edited"] = ["user": "U02", "ts": SlackExportFile.ts(120)]
            export.set("general/2024-01-10.json", json: day)
            let later = try #require(try await SlackImportTests.run(export, c.env).summary)
            #expect(later.messagesEdited == 1 && later.messagesImported == 0 && later.messagesAlreadyThere == 12)

            let edited = try #require(try await persistence.read { try await $0.messages.find(id: question.id) })
            #expect(edited.body == "スレッドで質問です(追記: 水素タンクの件、<@\(c.member.id)> さんに)")
            #expect(edited.editedAt == Date(timeIntervalSince1970: 1_704_848_400 + 120 * 60))
            #expect(edited.replyCount == 2 && edited.authorID == tanakaID, "nothing else changes")
            let mentions = try await Exchange(c.env).mentions(member, page: PageRequest(number: 1, size: 20))
            #expect(mentions.items.contains { $0.message.id == question.id }, "the new mention counts")
            #expect(try await Exchange(c.env).search(member, query: "水素タンク", order: .newest, page: 1, timeZone: .current).total == 1)

            // Edited here after that: an import of the same Slack edit leaves it alone.
            let tanaka = try #require(try await persistence.read { try await $0.members.find(id: tanakaID) })
            _ = try await Exchange(c.env).edit(c.actor(tanaka), messageID: question.id, body: "ここで直しました")
            let third = try #require(try await SlackImportTests.run(export, c.env).summary)
            #expect(third.messagesEdited == 0)
            #expect(try await persistence.read { try await $0.messages.find(id: question.id) }?.body == "ここで直しました")
        }
    }
}
