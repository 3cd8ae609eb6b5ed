import Foundation
import ZIPFoundation

/// A Slack workspace export that a test builds and zips, shaped as Slack writes one.
/// `sample()` is a small workspace with everything an import meets: a person whose e-mail
/// address a seeded member has (`member@example.jp`), new people, a guest, a deactivated
/// person without an address, an app, Slackbot; public and private channels, direct and
/// group conversations; threads, a broadcast reply, reactions, an edit, markup, a file, a
/// deleted message with a reply, an app's message and notices.
public struct SlackExportFile: Sendable {
    public var entries: [(path: String, data: Data)] = []

    public init() {}

    public mutating func set(_ path: String, json: Any) {
        set(path, data: try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
    }

    public mutating func set(_ path: String, data: Data) {
        entries.removeAll { $0.path == path }
        entries.append((path, data))
    }

    public mutating func remove(_ path: String) {
        entries.removeAll { $0.path == path }
    }

    /// Writes the zip file into a new temporary folder; gives its location. Without
    /// `utf8Flag`, the entries' names are UTF-8 without saying so, as Slack writes them.
    public func zipped(prefix: String = "", utf8Flag: Bool = true) throws -> URL {
        let folder = TestFolders.new("slack")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("export.zip")
        let writer = try ZipExportWriter(url: url)
        for (path, data) in entries { try writer.add(prefix + path, data) }
        if !utf8Flag { try Data(Self.clearingUTF8Flags(Array(try Data(contentsOf: url)))).write(to: url) }
        return url
    }

    /// The zip with bit 11 of every entry's flags (names are UTF-8) cleared, in the central
    /// directory and in each local header it points at.
    static func clearingUTF8Flags(_ zip: [UInt8]) -> [UInt8] {
        var zip = zip
        func number(_ at: Int, _ size: Int) -> Int { (0..<size).reduce(0) { $0 | Int(zip[at + $1]) << (8 * $1) } }
        func clearFlag(at offset: Int) { zip[offset + 1] &= ~0x08 } // 0x0800, little-endian
        // The end of central directory record: its signature, searched from the end.
        guard let end = stride(from: zip.count - 22, through: 0, by: -1).first(where: { number($0, 4) == 0x0605_4b50 }) else { return zip }
        var entry = number(end + 16, 4)
        for _ in 0..<number(end + 10, 2) {
            clearFlag(at: entry + 8)
            clearFlag(at: number(entry + 42, 4) + 6)
            entry += 46 + number(entry + 28, 2) + number(entry + 30, 2) + number(entry + 32, 2)
        }
        return zip
    }

    public static let team = "T0SAMPLE"

    /// Slack's timestamp for a moment on 2024-01-10 (JST) plus `minutes`.
    public static func ts(_ minutes: Int, _ sequence: Int = 0) -> String {
        String(format: "%d.%06d", 1_704_848_400 + minutes * 60, sequence)
    }

    public static func sample() -> SlackExportFile {
        var export = SlackExportFile()
        func user(_ id: String, _ name: String, _ realName: String, email: String?, extra: [String: Any] = [:]) -> [String: Any] {
            var profile: [String: Any] = ["real_name": realName, "display_name": name]
            if let email { profile["email"] = email }
            return ["id": id, "team_id": team, "name": name, "real_name": realName, "deleted": false, "profile": profile].merging(extra) { _, new in
                new
            }
        }
        export.set(
            "users.json",
            json: [
                user("U01", "matsumoto", "松本 恭平", email: "Member@Example.jp"),
                user(
                    "U02", "tanaka", "田中 健司", email: "tanaka@sanin-marine.example.jp",
                    extra: ["profile": ["real_name": "田中 健司", "title": "開発部長", "email": "tanaka@sanin-marine.example.jp"]]),
                user("U03", "li", "Li Wei", email: "li.wei@example.cn", extra: ["is_restricted": true]),
                user("U04", "taro", "退職 太郎", email: nil, extra: ["deleted": true]),
                user("B01", "kintai-bot", "勤怠ボット", email: nil, extra: ["is_bot": true]),
                user("USLACKBOT", "slackbot", "Slackbot", email: nil),
            ])
        export.set(
            "channels.json",
            json: [
                [
                    "id": "C01", "name": "general", "created": 1_704_000_000, "creator": "U01", "members": ["U01", "U02", "U04"],
                    "topic": ["value": "全体の連絡 <@U02>"], "purpose": ["value": "全員が参加するチャンネル"],
                ],
                [
                    "id": "C02", "name": "水素", "created": 1_704_000_100, "creator": "U02", "members": ["U01", "U02", "U03"],
                    "topic": ["value": ""], "purpose": ["value": "水素の貯蔵と利用"],
                ],
            ])
        export.set(
            "groups.json",
            json: [
                [
                    "id": "G01", "name": "secret-plan", "created": 1_704_000_200, "creator": "U01", "members": ["U01", "U02"],
                    "topic": ["value": ""], "purpose": ["value": "社外秘"],
                ]
            ])
        export.set(
            "dms.json",
            json: [
                ["id": "D01", "created": 1_704_000_300, "members": ["U01", "U02"]],
                ["id": "D02", "created": 1_704_000_400, "members": ["U02", "USLACKBOT"]],
            ])
        export.set(
            "mpims.json",
            json: [
                [
                    "id": "G02", "name": "mpdm-matsumoto--tanaka--li-1", "created": 1_704_000_500, "creator": "U01",
                    "members": ["U01", "U02", "U03"],
                    "topic": ["value": ""], "purpose": ["value": "Group messaging"],
                ]
            ])
        export.set("integration_logs.json", json: ["logs": []])
        export.set(
            "general/2024-01-10.json",
            json: [
                ["type": "message", "subtype": "channel_join", "user": "U02", "text": "<@U02> has joined the channel", "ts": ts(0)],
                [
                    "type": "message", "user": "U01", "ts": ts(1),
                    "text": "<!channel> 新年の交流会は <https://example.jp/event|こちら> です &amp; 申込は <@U02> まで。<javascript:alert(1)|危険>",
                    "edited": ["user": "U01", "ts": ts(3)],
                    "reactions": [
                        ["name": "+1", "users": ["U02", "U04"], "count": 2], ["name": "tada::skin-tone-2", "users": ["U02"], "count": 1],
                    ],
                ],
                ["type": "message", "user": "U02", "ts": ts(5), "text": "スレッドで質問です", "thread_ts": ts(5), "reply_count": 2],
                ["type": "message", "user": "U01", "ts": ts(6), "text": "回答します。詳細は <#C02|水素> で", "thread_ts": ts(5), "parent_user_id": "U02"],
            ])
        export.set(
            "general/2024-01-11.json",
            json: [
                ["type": "message", "subtype": "thread_broadcast", "user": "U04", "ts": ts(1440), "text": "みなさんにも共有します", "thread_ts": ts(5)],
                [
                    "type": "message", "subtype": "bot_message", "bot_id": "B99", "username": "勤怠ボット", "icons": ["emoji": ":robot_face:"],
                    "ts": ts(1441), "text": "本日の出勤: 3名",
                ],
                [
                    "type": "message", "user": "U02", "ts": ts(1442), "text": "資料です",
                    "files": [
                        ["id": "F01", "name": "計画書.pdf", "permalink": "https://sample.slack.com/files/U02/F01/plan.pdf"],
                        ["id": "F02", "mode": "tombstone"],
                    ],
                ],
                [
                    "type": "message", "subtype": "tombstone", "user": "USLACKBOT", "ts": ts(1443), "text": "This message was deleted.",
                    "thread_ts": ts(1443), "reply_count": 1,
                ],
                ["type": "message", "user": "U02", "ts": ts(1444), "text": "消えた投稿への返信", "thread_ts": ts(1443)],
                ["type": "message", "subtype": "channel_topic", "user": "U01", "ts": ts(1445), "text": "set the channel topic: 全体の連絡"],
            ])
        export.set(
            "水素/2024-01-10.json",
            json: [
                ["type": "message", "user": "U03", "ts": ts(2), "text": "水素の貯蔵タンクについて相談したいです"],
                ["type": "message", "user": "U01", "ts": ts(4), "text": "<@U03> 詳しく教えてください"],
            ])
        export.set(
            "secret-plan/2024-01-12.json",
            json: [
                ["type": "message", "user": "U01", "ts": ts(2880), "text": "社外秘の養殖計画について"]
            ])
        export.set(
            "D01/2024-01-12.json",
            json: [
                ["type": "message", "user": "U02", "ts": ts(2881), "text": "個別の相談です"]
            ])
        export.set(
            "D02/2024-01-12.json",
            json: [
                ["type": "message", "user": "USLACKBOT", "ts": ts(2882), "text": "Slackbot からのお知らせ"]
            ])
        export.set(
            "mpdm-matsumoto--tanaka--li-1/2024-01-12.json",
            json: [
                ["type": "message", "user": "U03", "ts": ts(2883), "text": "三人で話しましょう"]
            ])
        return export
    }
}

/// Writes a zip file entry by entry (deflated), for exports the tests build. (It rewrites
/// the zip's directory after each entry: fine for tests, slow for a hundred thousand files.)
public final class ZipExportWriter {
    private let archive: Archive

    /// Creates the file, which must not exist yet.
    public init(url: URL) throws {
        archive = try Archive(url: url, accessMode: .create)
    }

    public func add(_ path: String, _ data: Data) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
