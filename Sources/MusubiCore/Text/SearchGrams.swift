/// The tokens a text is indexed and searched by, so that one- and two-character Japanese
/// words are found as well as long ones, from an ordinary inverted index.
///
/// After `JapaneseText.normalize`, the text is cut into runs:
/// - a run of Japanese (kanji, kana) or Korean letters gives every pair of neighbours
///   (水素燃料 → 水素 素燃 燃料) and then its last character alone (料), so every character
///   starts exactly one token;
/// - a run of other letters and digits (English, numbers) is one word;
/// - anything else separates runs.
///
/// A query is cut the same way, and its tokens must appear one after another. A query that
/// ends in a single Japanese character leaves it open (a prefix), so 水 finds 水素; one that
/// ends in a longer run needs only its pairs, so 水素 finds 水素エネルギー. A query thus
/// matches where its normalised text occurs, English words whole; spaces and punctuation
/// between words are not part of what is matched (`"水素 燃料"` also finds 水素、燃料).
public enum SearchGrams {
    /// A run of tokens that must appear consecutively; the last may be a prefix.
    public struct Phrase: Sendable, Equatable {
        public var tokens: [String]
        public var lastIsPrefix: Bool

        public init(tokens: [String], lastIsPrefix: Bool) {
            self.tokens = tokens
            self.lastIsPrefix = lastIsPrefix
        }
    }

    /// The tokens of a text, in order (positions count from zero).
    public static func tokens(of text: String) -> [String] {
        tokens(ofIndexed: indexed(text))
    }

    /// The tokens of `indexed` text, split where SQLite's tokenizer splits it: at each space
    /// byte (a space followed by a combining mark is one character, yet two tokens).
    public static func tokens(ofIndexed indexed: String) -> [String] {
        indexed.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The text as the index is given it: its tokens in order, separated by single spaces.
    public static func indexed(_ text: String) -> String {
        indexed(normalized: JapaneseText.normalize(text))
    }

    static func indexed(normalized text: String) -> String {
        text.unicodeScalars.allSatisfy(standsAlone) ? indexed(scalars: Array(text.unicodeScalars)) : tokensByCharacter(text).joined(separator: " ")
    }

    /// A scalar that is a character of its own whatever comes next to it: no combining mark,
    /// joiner, Hangul jamo or flag half. Text made of these alone (most normalised Japanese
    /// and English) is cut scalar by scalar, several times quicker than character by
    /// character, into the same tokens.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x3000...0x3029, 0x3030...0x3096, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: true
        default: false
        }
    }

    /// The tokens written straight into one string: a message has hundreds, each a string of
    /// its own would cost an allocation.
    private static func indexed(scalars: [Unicode.Scalar]) -> String {
        var bytes: [UInt8] = []
        // A character starts one token, of at most two characters of at most three bytes.
        bytes.reserveCapacity(scalars.count * 7)
        func append(_ token: ArraySlice<Unicode.Scalar>) {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            for scalar in token { UTF8.encode(scalar) { bytes.append($0) } }
        }
        var start = 0
        while start < scalars.count {
            guard let paired = kind(of: scalars[start]) else {
                start += 1
                continue
            }
            var end = start + 1
            while end < scalars.count, kind(of: scalars[end]) == paired { end += 1 }
            if paired {
                for index in start..<(end - 1) { append(scalars[index...(index + 1)]) }
                append(scalars[(end - 1)..<end])
            } else {
                append(scalars[start..<min(end, start + longestWord)])
            }
            start = end
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Paired (true), part of a word (false), or a separator (nil).
    private static func kind(of scalar: Unicode.Scalar) -> Bool? {
        isPaired(scalar) ? true : (isWordCharacter(Character(scalar)) ? false : nil)
    }

    static func tokensByCharacter(_ text: String) -> [String] {
        var tokens: [String] = []
        forEachRun(in: text) { run, paired in
            guard paired else {
                tokens.append(word(run))
                return
            }
            let characters = Array(run)
            tokens += pairs(characters)
            if let final = characters.last { tokens.append(String(final)) }
        }
        return tokens
    }

    /// What a searched (normalised) phrase must match, or nil when it has nothing to search by.
    public static func phrase(_ normalized: String) -> Phrase? {
        var runs: [(run: Substring, paired: Bool)] = []
        forEachRun(in: normalized) { runs.append(($0, $1)) }
        guard let last = runs.last else { return nil }
        var tokens: [String] = []
        for (index, (run, paired)) in runs.enumerated() {
            guard paired else {
                tokens.append(word(run))
                continue
            }
            let characters = Array(run)
            tokens += pairs(characters)
            // Inside the query the run ends, so the text's run must end there too: its last
            // character alone. The query's last run needs only its pairs, or, when it is one
            // character, that character as a prefix.
            if index < runs.count - 1 || characters.count == 1, let final = characters.last { tokens.append(String(final)) }
        }
        return Phrase(tokens: tokens, lastIsPrefix: last.paired && last.run.count == 1)
    }

    /// Whether the character belongs to a script written without spaces, indexed by pairs.
    static func isPaired(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, // kana
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F, // kanji
            0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: // hangul
            true
        default:
            false
        }
    }

    /// A word longer than `longestWord` characters (a pasted hash, say) is indexed and
    /// searched by its beginning: PostgreSQL refuses lexemes past 2,047 bytes.
    static let longestWord = 64

    private static func word(_ run: Substring) -> String {
        String(run.prefix(longestWord))
    }

    private static func pairs(_ characters: [Character]) -> [String] {
        var pairs: [String] = []
        pairs.reserveCapacity(characters.count)
        for index in characters.indices.dropLast() {
            var pair = String(characters[index])
            pair.append(characters[index + 1])
            pairs.append(pair)
        }
        return pairs
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(ascii | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii)
        }
        return character.isLetter || character.isNumber
    }

    private static func forEachRun(in text: String, _ body: (Substring, Bool) -> Void) {
        var start: String.Index?
        var paired = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let kind: Bool? = character.unicodeScalars.first.map(isPaired) == true ? true : (isWordCharacter(character) ? false : nil)
            if let open = start, kind != paired {
                body(text[open..<index], paired)
                start = nil
            }
            if let kind, start == nil {
                start = index
                paired = kind
            }
            index = text.index(after: index)
        }
        if let open = start { body(text[open...], paired) }
    }
}
