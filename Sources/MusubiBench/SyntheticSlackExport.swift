import Foundation
import MusubiApp
import MusubiCore

/// The Slack export the import benchmark reads, shaped like a busy regional workspace's:
/// 300 people (with e-mail addresses), 120 public and 30 private channels, and the messages
/// spread over three years in daily files. A tenth of the messages are thread replies; some
/// mention a person, carry a link or have reactions. The text is `SyntheticMessages`'.
/// The files are written into a folder, which `bench/zip-folder.py` zips.
enum SyntheticSlackExport {
    static let layout = (people: 300, publicChannels: 120, privateChannels: 30, publicSeats: 40, privateSeats: 8, days: 3 * 365)

    static func write(messages wanted: Int, from set: DevelopmentSet, into directory: URL) throws {
        let writer = FolderWriter(root: directory)
        var synthetic = SyntheticMessages(set, seed: 11)
        let people = (0..<layout.people).map { String(format: "U%05d", $0) }
        try writer.add(
            "users.json",
            try json(
                people.enumerated().map { number, id in
                    [
                        "id": id, "team_id": "TBENCH", "name": "user\(number)", "real_name": SearchCorpus.authorName(number), "deleted": false,
                        "profile": ["real_name": SearchCorpus.authorName(number), "email": "slack-\(number)@bench.example.jp"],
                    ]
                }))
        let channelCount = layout.publicChannels + layout.privateChannels
        var seats: [[Int]] = []
        func conversation(_ number: Int) -> [String: Any] {
            let seated = (0..<(number < layout.publicChannels ? layout.publicSeats : layout.privateSeats)).map { _ in synthetic.pick(layout.people) }
            seats.append(seated)
            return [
                "id": String(format: "C%05d", number), "name": folder(number), "created": 1_680_000_000, "creator": people[0],
                "members": Array(Set(seated.map { people[$0] })).sorted(), "topic": ["value": ""], "purpose": ["value": "ベンチマーク"],
            ]
        }
        try writer.add("channels.json", try json((0..<layout.publicChannels).map(conversation)))
        try writer.add("groups.json", try json((layout.publicChannels..<channelCount).map(conversation)))

        let start = 1_680_000_000 // 2023-03-28
        var lastRoot: [Int: String] = [:]
        for day in 0..<layout.days {
            let count = wanted / layout.days + (day < wanted % layout.days ? 1 : 0)
            var byChannel: [Int: [(second: Int, sequence: Int)]] = [:]
            for sequence in 0..<count {
                byChannel[synthetic.pick(channelCount), default: []].append((synthetic.pick(86_400), sequence))
            }
            let date = ISO8601DateFormatter.string(
                from: Date(timeIntervalSince1970: Double(start + day * 86_400)), timeZone: .gmt, formatOptions: [.withFullDate])
            for (channel, moments) in byChannel.sorted(by: { $0.key < $1.key }) {
                let messages = moments.sorted { ($0.second, $0.sequence) < ($1.second, $1.sequence) }.map { moment -> [String: Any] in
                    let ts = String(format: "%d.%06d", start + day * 86_400 + moment.second, moment.sequence)
                    let author = seats[channel][synthetic.pick(seats[channel].count)]
                    var text = synthetic.next()
                    if synthetic.pick(15) == 0 { text = "<@\(people[seats[channel][synthetic.pick(seats[channel].count)]])> " + text }
                    if synthetic.pick(30) == 0 { text += " <https://example.jp/docs/\(synthetic.pick(1000))|資料>" }
                    var message: [String: Any] = ["type": "message", "user": people[author], "text": text, "ts": ts]
                    if synthetic.pick(10) == 0, let root = lastRoot[channel] {
                        message["thread_ts"] = root
                    } else {
                        lastRoot[channel] = ts
                    }
                    if synthetic.pick(20) == 0 {
                        message["reactions"] = [["name": "+1", "users": [people[seats[channel][0]], people[seats[channel][1]]], "count": 2]]
                    }
                    return message
                }
                try writer.add("\(folder(channel))/\(date).json", try json(messages))
            }
        }
    }

    /// Writes files under a folder, making their folders.
    struct FolderWriter {
        var root: URL

        func add(_ path: String, _ data: Data) throws {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
    }

    static func folder(_ number: Int) -> String {
        number < layout.publicChannels ? String(format: "bench-%03d", number) : String(format: "private-%03d", number)
    }

    private static func json(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value)
    }
}
