import Foundation
import MusubiApp
import MusubiCore

/// Many listings made from the development set's sentences, recombined at random with a
/// fixed seed: the words and their frequencies of real listings, in any number.
struct SyntheticListings {
    private var random: SplitMix64
    private let titles: [String]
    private let sentences: [String]
    private let fields: [String]
    private static let sectors: [Sector] = [.industry, .industry, .industry, .academia, .academia, .support, .government, .finance]

    init(_ set: DevelopmentSet, seed: UInt64 = 42) {
        random = SplitMix64(seed: seed)
        let items = set.needs + set.seeds
        titles = items.map(\.title)
        sentences = items.flatMap { $0.body.split(separator: "。").map { $0.trimmingCharacters(in: .whitespaces) + "。" } }.filter { $0.count > 2 }
        fields = Array(Set(items.flatMap { $0.fields ?? [] })).sorted()
    }

    mutating func documents(_ count: Int, kind: MatchDocument.Kind, prefix: String) -> [MatchDocument] {
        (0..<count).map { number in
            let body = (0..<(2 + pick(4))).map { _ in sentences[pick(sentences.count)] }.joined()
            return MatchDocument(
                id: "\(prefix)\(number)", kind: kind, title: titles[pick(titles.count)], body: body,
                fields: [fields[pick(fields.count)]], sector: Self.sectors[pick(Self.sectors.count)]
            )
        }
    }

    private mutating func pick(_ bound: Int) -> Int {
        Int(random.next() % UInt64(bound))
    }
}

/// A small, fast, seeded generator, so that a benchmark's input is the same every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
