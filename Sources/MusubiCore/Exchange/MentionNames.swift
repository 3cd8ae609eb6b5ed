import Foundation

/// A person as others may write their name after `@`.
public struct MentionName: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// The reading, as the directory keeps it (`かねだ ひろゆき`).
    public var kana: String
    public var organization: String

    public init(id: Int64, name: String, kana: String = "", organization: String = "") {
        (self.id, self.name, self.kana, self.organization) = (id, name, kana, organization)
    }
}

/// The ways people are written after `@` in a channel, as Japanese writers write them: the
/// full name with or without its space, the family name alone (`@金田`, then often
/// `さん`/`様`/`先生`/`くん`, which stay as text), the reading in hiragana or katakana
/// (`@かねだ`), each compared after `JapaneseText.normalize` (width, case, kana).
///
/// A spelling two people share (two 金田s) names neither: the author has to pick, by the
/// full name or from the autocomplete.
public struct MentionNames: Sendable {
    /// Normalised spelling → the people written so.
    private var people: [String: Set<Int64>] = [:]
    private var longest = 0

    public init(_ names: [MentionName]) {
        for person in names {
            for spelling in Self.spellings(of: person) where !spelling.isEmpty {
                people[spelling, default: []].insert(person.id)
                longest = max(longest, spelling.count)
            }
        }
    }

    /// Only the people whose name or reading begins as something typed after an `@` does:
    /// in a channel of thousands, reading every name in every spelling would cost a post far
    /// more than the few it could mean.
    static func candidates(_ people: [MentionName], for text: String) -> [MentionName] {
        guard people.count > 50 else { return people }
        // Two characters, folded: a half-width ﾀﾞ is one kana (だ) once folded.
        let initial = { (text: Substring) in JapaneseText.normalize(String(text.drop { $0.isWhitespace }.prefix(2))).first }
        var typed = Set<Character>()
        var rest = text[...]
        while let at = rest.firstIndex(of: "@") {
            rest = rest[rest.index(after: at)...]
            if let first = rest.first, !first.isWhitespace, let folded = initial(rest) { typed.insert(folded) }
        }
        return people.filter { person in
            [person.name, person.kana].contains { written in initial(written[...]).map(typed.contains) ?? false }
        }
    }

    static func spellings(of person: MentionName) -> Set<String> {
        var result = Set<String>()
        for written in [person.name, person.kana] {
            let normal = JapaneseText.normalize(written)
            let parts = normal.split(separator: " ")
            result.insert(normal)
            result.insert(parts.joined())
            if parts.count > 1, let family = parts.first { result.insert(String(family)) }
        }
        return result
    }

    /// What `@` at the start of `text` names: the longest spelling found, as typed (its
    /// length in characters), and who it names (several when it is ambiguous).
    public func match(_ text: Substring) -> (length: Int, people: Set<Int64>)? {
        guard longest > 0 else { return nil }
        var prefix = ""
        var found: (length: Int, people: Set<Int64>)?
        var length = 0
        for character in text.prefix(longest + 8) {
            prefix.append(character)
            length += 1
            guard !character.isWhitespace, let named = people[JapaneseText.normalize(prefix)], Self.endsWord(text.dropFirst(length), after: prefix)
            else { continue }
            found = (length, named)
        }
        return found
    }

    /// A name that ends in a Latin letter ends where the word does (`@Ann` is not `@Anna`);
    /// Japanese has no spaces to end a word.
    private static func endsWord(_ rest: Substring, after typed: String) -> Bool {
        guard let last = typed.last, last.isASCII, last.isLetter || last.isNumber, let next = rest.first else { return true }
        return !(next.isASCII && (next.isLetter || next.isNumber || next == "_"))
    }

    /// What follows each `@` of a stored text that made no mention (at the start of a word):
    /// where a name was typed that `match` can read against other people.
    public static func unresolved(in storedBody: String) -> [Substring] {
        var found: [Substring] = []
        for case .text(let text) in MessageText.tokens(in: storedBody) {
            var rest = Substring(text)
            while let at = rest.firstIndex(of: "@") {
                let before = rest[..<at].last
                rest = rest[rest.index(after: at)...]
                if MessageText.mayStartMention(after: before), let first = rest.first, !first.isWhitespace { found.append(rest) }
            }
        }
        return found
    }

    /// Whether someone is written so: `term` begins one of their spellings, or is found in
    /// their name or organisation (for the autocomplete).
    public static func matches(_ person: MentionName, term: String) -> Bool {
        let term = JapaneseText.normalize(term)
        guard !term.isEmpty else { return true }
        return spellings(of: person).contains { $0.hasPrefix(term) } || JapaneseText.normalize(person.organization).contains(term)
            || JapaneseText.normalize(person.name).contains(term)
    }
}
