/// What the engine reads from a document's text: character bigrams of Japanese runs and
/// whole latin words (the lexical signal), and the concepts of the dictionary it mentions.
struct TextFeatures: Sendable {
    var grams: [String: Int]
    var concepts: [Int: Int]
    /// The normalised text, kept for explaining a match in words.
    var normalized: [Character]

    init(_ text: String, dictionary: ConceptDictionary) {
        let normalized = Array(JapaneseText.normalize(text))
        self.normalized = normalized
        self.concepts = dictionary.occurrences(in: normalized)
        var grams: [String: Int] = [:]
        var run: [Character] = []
        func flush() {
            defer { run.removeAll(keepingCapacity: true) }
            guard let first = run.first else { return }
            if first.isWordCharacter {
                if run.count >= 2 { grams[String(run), default: 0] += 1 }
            } else if run.count == 1 {
                grams[String(run), default: 0] += 1
            } else {
                for index in 0..<(run.count - 1) { grams[String(run[index...index + 1]), default: 0] += 1 }
            }
        }
        for character in normalized {
            let kind = Self.kind(of: character)
            if kind == .other || (run.first.map { Self.kind(of: $0) != kind } ?? false) { flush() }
            if kind != .other { run.append(character) }
        }
        flush()
        self.grams = grams
    }

    private enum Kind { case word, japanese, other }

    private static func kind(of character: Character) -> Kind {
        if character.isWordCharacter { return .word }
        guard let scalar = character.unicodeScalars.first else { return .other }
        switch scalar.value {
        case 0x3041...0x309F, 0x30A0...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return .japanese
        default: return .other
        }
    }
}
