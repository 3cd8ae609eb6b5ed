import ArgumentParser
import Foundation
import MusubiCore

/// Reading the `@names` of a message as Japanese writers type them (`MessageText.resolving`),
/// in channels of 10 to 10,000 seated people: what a post with an `@` costs on top of storing
/// it (the names are read from the database once per post; that read is not timed here).
struct BenchMentions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentions", abstract: "Time resolving @names in messages for channels of 10 to 10,000 people.")

    @Option(help: "Messages resolved for each channel size.") var messages = 200

    static let families: [(String, String)] = [
        ("金田", "かねだ"), ("田中", "たなか"), ("山本", "やまもと"), ("松本", "まつもと"), ("西村", "にしむら"), ("岡田", "おかだ"),
        ("吉田", "よしだ"), ("近藤", "こんどう"), ("石谷", "いしたに"), ("門脇", "かどわき"), ("生田", "いくた"), ("浜田", "はまだ"),
        ("入江", "いりえ"), ("竹本", "たけもと"), ("永田", "ながた"), ("遠藤", "えんどう"), ("福田", "ふくだ"), ("横山", "よこやま"),
        ("秋山", "あきやま"), ("徳田", "とくだ"),
    ]
    static let givens: [(String, String)] = [
        ("浩之", "ひろゆき"), ("美咲", "みさき"), ("修", "おさむ"), ("恭平", "きょうへい"), ("健", "けん"), ("亮", "りょう"),
        ("英明", "ひであき"), ("拓也", "たくや"), ("聡", "さとし"), ("真由美", "まゆみ"), ("浩二", "こうじ"), ("早紀", "さき"),
        ("沙織", "さおり"), ("翔", "しょう"), ("隆之", "たかゆき"), ("恵", "めぐみ"), ("典子", "のりこ"), ("健一", "けんいち"),
        ("一郎", "いちろう"), ("陽子", "ようこ"),
    ]

    /// `count` people: every family and given name paired, then again with a number.
    static func people(_ count: Int) -> [MentionName] {
        (0..<count).map { number in
            let (family, familyKana) = families[number % families.count]
            let round = number / (families.count * givens.count)
            let (given, givenKana) = givens[(number / families.count) % givens.count]
            let suffix = round == 0 ? "" : String(round)
            return MentionName(id: Int64(number + 1), name: "\(family) \(given)\(suffix)", kana: "\(familyKana) \(givenKana)\(suffix)")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        print("| seated | reading names | one message, p50 | p99 | max |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for seated in [10, 500, 10_000] {
            let people = Self.people(seated)
            var names: MentionNames?
            let built = clock.measure { names = MentionNames(people) }
            _ = names
            var latencies: [Duration] = []
            for number in 0..<messages {
                let someone = people[number % people.count]
                let family = String(someone.name.split(separator: " ")[0])
                let text = "@\(family)さん、@\(someone.name.replacingOccurrences(of: " ", with: ""))様 資料をお送りします。@全員 来週の展示会の件です \(number)"
                latencies.append(clock.measure { _ = MessageText.resolving(text, people: people) })
            }
            latencies.sort()
            let at = { (share: Double) in BenchSearch.milliseconds(latencies[min(latencies.count - 1, Int(Double(latencies.count) * share))]) }
            print("| \(seated) | \(BenchSearch.milliseconds(built)) | \(at(0.5)) | \(at(0.99)) | \(BenchSearch.milliseconds(latencies.last!)) |")
        }
    }
}
