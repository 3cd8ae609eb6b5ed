/// Where a search's phrases occur in a text: to highlight them in results and to rank
/// results by them. Matching follows the index (`SearchGrams`): normalised text, English
/// words and numbers whole.
public enum SearchMatches {
    /// A piece of a result's text, marked when it is what was searched for.
    public struct Segment: Sendable, Equatable {
        public var text: String
        public var isMatch: Bool

        public init(_ text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    /// The text cut into plain and matching pieces. A text longer than `length` characters is
    /// cut to that many around its first match, with "…" where it was cut.
    public static func highlight(_ text: String, phrases: [String], length: Int = 160) -> [Segment] {
        let original = Array(text)
        var folded: [Character] = []
        var origins: [Int] = []
        for (index, character) in original.enumerated() {
            for piece in fold(character, after: index > 0 ? original[index - 1] : nil) {
                folded.append(piece)
                origins.append(index)
            }
        }
        var marked = [Bool](repeating: false, count: original.count)
        for phrase in phrases {
            for range in occurrences(of: Array(phrase), in: folded, isWordPart: isSpacedWordCharacter) {
                for index in origins[range.lowerBound]...origins[range.upperBound - 1] { marked[index] = true }
            }
        }
        var window = 0..<original.count
        if original.count > length {
            let first = marked.firstIndex(of: true) ?? 0
            let start = max(0, min(first - length / 4, original.count - length))
            window = start..<(start + length)
        }
        var segments: [Segment] = window.lowerBound > 0 ? [Segment("…", isMatch: false)] : []
        for index in window {
            if let last = segments.last, last.isMatch == marked[index], last.text != "…" {
                segments[segments.count - 1].text.append(original[index])
            } else {
                segments.append(Segment(String(original[index]), isMatch: marked[index]))
            }
        }
        if window.upperBound < original.count { segments.append(Segment("…", isMatch: false)) }
        return segments
    }

    /// How often each phrase occurs in a text already normalised. Counted by Unicode scalars,
    /// several times quicker than by characters and the same but where a match ends inside
    /// a character (before a combining mark, a skin tone or a joiner): for ranking only.
    public static func counts(of phrases: [String], inNormalized text: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        return phrases.map { phrase in
            occurrences(of: Array(phrase.unicodeScalars), in: scalars) { isSpacedWordCharacter(Character($0)) }.count
        }
    }

    /// Where `phrase` occurs in `text`, without overlaps; a phrase that begins or ends with
    /// part of a word (`isWordPart`) must not begin or end inside a word.
    static func occurrences<Unit: Equatable>(of phrase: [Unit], in text: [Unit], isWordPart: (Unit) -> Bool) -> [Range<Int>] {
        guard let first = phrase.first, let last = phrase.last, phrase.count <= text.count else { return [] }
        let wholeStart = isWordPart(first)
        let wholeEnd = isWordPart(last)
        var found: [Range<Int>] = []
        var start = 0
        while start + phrase.count <= text.count {
            let end = start + phrase.count
            if text[start] == first, text[start..<end].elementsEqual(phrase),
                !(wholeStart && start > 0 && isWordPart(text[start - 1])),
                !(wholeEnd && end < text.count && isWordPart(text[end]))
            {
                found.append(start..<end)
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    /// A letter or digit of a script written with spaces (so part of a whole word).
    private static func isSpacedWordCharacter(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return !SearchGrams.isPaired(scalar) && SearchGrams.isWordCharacter(character)
    }

    /// One character as `JapaneseText.normalize` would give it within its text (which skips
    /// the Unicode tables for the common characters itself).
    static func fold(_ character: Character, after previous: Character?) -> String {
        if character.isWhitespace { return " " }
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return JapaneseText.normalize(String(character)) }
        switch scalar.value {
        case 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE: // iteration marks repeat what came before
            guard let previous else { return String(character) }
            let before = JapaneseText.normalize(String(previous))
            let pair = JapaneseText.normalize(String(previous) + String(character))
            return pair.hasPrefix(before) ? String(pair.dropFirst(before.count)) : String(character)
        default:
            return JapaneseText.normalize(String(character))
        }
    }
}
