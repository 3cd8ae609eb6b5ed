import MusubiCore

/// Texts any member could post that once kept the matcher busy for minutes: the same
/// phrase over and over, one character ten thousand times, ten thousand different words.
/// `musubi bench index` times candidates among them; `HostileTextTests` holds them to a bound.
enum HostileTexts {
    static let cases: [(name: String, text: String)] = [
        ("a phrase repeated", String(repeating: "陸上養殖の水質管理に微細気泡を使う。", count: 560)),
        ("one kana ×10,000", String(repeating: "あ", count: 10_000)),
        ("one kanji ×10,000", String(repeating: "水", count: 10_000)),
        ("two kanji alternating ×5,000", String(repeating: "水質", count: 5_000)),
        ("10,000 distinct words", (0..<10_000).map { "w" + String($0, radix: 36) }.joined(separator: " ")),
        ("a latin word repeated", String(repeating: "microbubble ", count: 1_000)),
        ("10,000 distinct kanji pairs", String((0..<10_000).map { Character(Unicode.Scalar(0x4E00 + UInt32($0) * 2 % 20_000)!) })),
    ]

    /// Every case as a seed and as a need, in the demo's words enough to be someone's candidate.
    static func documents() -> [MatchDocument] {
        cases.enumerated().flatMap { number, hostile in
            [MatchDocument.Kind.seed, .need].map { kind in
                MatchDocument(id: "hostile-\(kind)-\(number)", kind: kind, title: "陸上養殖の水質管理", body: hostile.text, sector: .industry)
            }
        }
    }

    /// How long candidates with reasons take, at the slowest, for each case as the query and
    /// for ordinary queries of an index that holds the cases.
    static func timings(_ index: MatchIndex, ordinary: [MatchDocument]) -> [(name: String, slowest: Duration)] {
        let clock = ContinuousClock()
        let time = { (query: MatchDocument) in
            clock.measure { _ = index.candidates(for: query, kinds: [.seed, .need], limit: 10) }
        }
        let hostile = documents()
        var timings = cases.enumerated().map { number, hostileCase in
            (name: hostileCase.name, slowest: max(time(hostile[2 * number]), time(hostile[2 * number + 1])))
        }
        timings.append((name: "ordinary listings among them", slowest: ordinary.map(time).max() ?? .zero))
        return timings
    }
}
