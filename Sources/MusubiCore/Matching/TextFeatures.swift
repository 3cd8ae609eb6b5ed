/// What the engine reads from a document's text: character bigrams of Japanese runs and
/// whole latin words (the lexical signal), and the concepts of the dictionary it mentions.
/// It works on Unicode scalars: after normalisation a Japanese character is one scalar, and
/// scalars compare and hash far faster than characters.
///
/// The engine's work on a text is bounded whatever the text: it reads at most
/// `scalarLimit` scalars of it (the text is stored whole), and a gram or concept repeated
/// more than `repetitionLimit` times counts as if it were repeated that often.
struct TextFeatures: Sendable {
    /// A listing's title, summary and details rarely pass two thousand characters; a longer
    /// text is matched on its beginning.
    static let scalarLimit = 4_000
    /// Saying a word again and again does not make a text more about it.
    static let repetitionLimit = 8

    /// Gram keys (see `GramKey`) and how often each occurs.
    var grams: [UInt64: Int]
    var concepts: [Int: Int]
    /// The normalised text (its first `scalarLimit` scalars), kept for explaining a match.
    var normalized: [Unicode.Scalar]

    init(_ text: String, dictionary: ConceptDictionary) {
        let normalized = Array(JapaneseText.normalize(text).unicodeScalars.prefix(Self.scalarLimit))
        self.normalized = normalized
        self.concepts = dictionary.occurrences(in: normalized).mapValues { min($0, Self.repetitionLimit) }
        var grams: [UInt64: Int] = [:]
        var start = 0
        var kind = ScriptKind.other
        func flush(_ end: Int) {
            let length = end - start
            guard length > 0 else { return }
            switch kind {
            case .word where length >= 2: grams[GramKey.word(normalized[start..<end]), default: 0] += 1
            case .japanese where length == 1: grams[GramKey.single(normalized[start]), default: 0] += 1
            case .japanese:
                for index in start..<(end - 1) { grams[GramKey.pair(normalized[index], normalized[index + 1]), default: 0] += 1 }
            default: break
            }
        }
        for (index, scalar) in normalized.enumerated() {
            let next = ScriptKind(scalar)
            if next != kind || next == .other {
                flush(index)
                start = index
                kind = next
            }
        }
        flush(normalized.count)
        self.grams = grams.mapValues { min($0, Self.repetitionLimit) }
    }
}

enum ScriptKind {
    case word, japanese, other

    init(_ scalar: Unicode.Scalar) {
        if scalar.isWordCharacter {
            self = .word
            return
        }
        switch scalar.value {
        case 0x3041...0x309F, 0x30A0...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: self = .japanese
        default: self = .other
        }
    }
}

/// A gram as a 64-bit key: a pair of Japanese characters is the two scalar values, a lone
/// one is its value with a flag, a latin word is a 62-bit FNV-1a hash with another flag
/// (two different words sharing a key is as likely as winning a lottery every day).
enum GramKey {
    static func pair(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 21 | UInt64(b.value)
    }

    static func single(_ a: Unicode.Scalar) -> UInt64 {
        1 << 62 | UInt64(a.value)
    }

    static func word(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in scalars {
            hash ^= UInt64(scalar.value)
            hash = hash &* 0x100_0000_01b3
        }
        return 1 << 63 | hash >> 2
    }
}

extension Unicode.Scalar {
    /// Hiragana, which katakana has become after normalisation: mostly particles and endings
    /// when it stands alone.
    public var isHiragana: Bool { (0x3041...0x309F).contains(value) }

    /// A latin letter or a digit: the characters whole words are made of.
    var isWordCharacter: Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }
}
