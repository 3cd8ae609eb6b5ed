import Foundation
import MusubiApp
import MusubiCore

/// Chat messages made from the development set's sentences: their clauses recombined with
/// the short replies, greetings and dates of a regional exchange, with a fixed seed. The
/// vocabulary and its frequencies are those of real listings; the shape is that of chat
/// (mostly one or two short lines, now and then a long one).
struct SyntheticMessages {
    private var random: SplitMix64
    private let clauses: [String]

    private static let openers = ["", "", "", "お疲れさまです。", "皆さま、", "ご共有です。", "先日の件、", "補足です。", "ちなみに、", "確認ですが、"]
    private static let closers = [
        "", "", "よろしくお願いします。", "ご意見ください。", "来週の打ち合わせで相談させてください。", "資料はあとで共有します。",
        "展示会でも紹介できればと思います。", "ありがとうございます！", "了解です。", "詳しい方いらっしゃいますか？", "補助金の対象になりそうです。",
    ]
    private static let replies = ["了解です。", "ありがとうございます！", "承知しました。", "確認します。", "いいですね。", "参加します。", "+1", "👍", "対応します。"]

    init(_ set: DevelopmentSet, seed: UInt64 = 7) {
        random = SplitMix64(seed: seed)
        let sentences = (set.needs + set.seeds).flatMap { [$0.title] + $0.body.split(separator: "。").map(String.init) }
        clauses = sentences.flatMap { $0.split(separator: "、").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { $0.count > 3 }
    }

    mutating func next() -> String {
        switch pick(20) {
        case 0..<4:
            return Self.replies[pick(Self.replies.count)]
        case 19:
            return (0..<(6 + pick(10))).map { _ in clause() }.joined(separator: "。") + "。"
        default:
            let body = (0..<(1 + pick(3))).map { _ in clause() }.joined(separator: pick(2) == 0 ? "、" : "。")
            let date = pick(8) == 0 ? "\(1 + pick(12))月\(1 + pick(28))日に" : ""
            return Self.openers[pick(Self.openers.count)] + date + body + "。" + Self.closers[pick(Self.closers.count)]
        }
    }

    mutating func pick(_ bound: Int) -> Int {
        Int(random.next() % UInt64(bound))
    }

    private mutating func clause() -> String {
        clauses[pick(clauses.count)]
    }
}
