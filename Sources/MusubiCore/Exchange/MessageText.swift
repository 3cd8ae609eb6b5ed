import Foundation

/// Musubi's stored message text. People type `@name` and `@channel`; the text is stored with
/// mentions as `<@id>` and `<!channel>`, so a renamed person is still the one mentioned and
/// mentions can be counted without reading names.
public enum MessageText {
    public static let limit = 8_000

    /// Words that mention everyone seated in the channel.
    static let channelWords = ["channel", "here", "all", "チャンネル", "全員"]

    /// The text with every `@name` of one of `people` (as `MentionNames` reads names: the
    /// longest that fits) and every `@channel` turned into stored mentions. A stored mention
    /// typed by hand (`<@id>`) stands only for one of `people`; any other id stays plain text,
    /// so nobody can make a page print the name of someone outside the channel.
    public static func storing(_ typed: String, people: [MentionName]) -> String {
        resolving(typed, people: people).text
    }

    /// `storing`, and the names typed that stand for several of `people` (`@金田` with two
    /// 金田s), left as text for the author to choose.
    public static func resolving(_ typed: String, people: [MentionName]) -> Resolved {
        let typed = keepingMentions(typed, of: Set(people.map(\.id)))
        guard typed.contains("@") else { return Resolved(text: typed, ambiguous: []) }
        let names = MentionNames(MentionNames.candidates(people, for: typed))
        var result = ""
        var ambiguous: [String] = []
        var rest = typed[...]
        while let at = rest.firstIndex(of: "@") {
            result += rest[..<at]
            let previous = result.last
            let after = rest[rest.index(after: at)...]
            let startsWord = mayStartMention(after: previous)
            if startsWord,
                let word = channelWords.first(where: { after.lowercased().hasPrefix($0) && endsWord(after.dropFirst($0.count), after: $0) })
            {
                result += "<!channel>"
                rest = after.dropFirst(word.count)
            } else if startsWord, let match = names.match(after) {
                if match.people.count == 1, let id = match.people.first {
                    result += "<@\(id)>"
                } else {
                    result += "@" + after.prefix(match.length)
                    ambiguous.append(String(after.prefix(match.length)))
                }
                rest = after.dropFirst(match.length)
            } else {
                result.append("@")
                rest = after
            }
        }
        return Resolved(text: result + rest, ambiguous: ambiguous)
    }

    public struct Resolved: Sendable, Equatable {
        public var text: String
        public var ambiguous: [String]
    }

    /// Whether an `@` after this character may begin a mention: not within an address
    /// (`mail@example.jp`), but after Japanese text (`田中さんと@金田さん`).
    static func mayStartMention(after previous: Character?) -> Bool {
        guard let previous, previous.isASCII else { return true }
        return !(previous.isLetter || previous.isNumber || "._-+".contains(previous))
    }

    /// The text with a stored mention (`<@id>`) kept only for the `seated`; any other stays
    /// plain text (`@id`).
    public static func keepingMentions(_ text: String, of seated: Set<Int64>) -> String {
        guard hasReference(text) else { return text }
        return tokens(in: text).map { token in
            if case .person(let id) = token, !seated.contains(id) { return "@\(id)" }
            return render(token)
        }.joined()
    }

    /// Whom the stored text mentions, and whether it mentions the whole channel.
    public static func mentions(in body: String) -> (people: Set<Int64>, channel: Bool) {
        guard hasReference(body) else { return ([], false) }
        var people = Set<Int64>()
        var channel = false
        for token in tokens(in: body) {
            switch token {
            case .person(let id): people.insert(id)
            case .everyone: channel = true
            default: break
            }
        }
        return (people, channel)
    }

    /// Whether the text may hold a reference at all (a `<`): most messages hold none, and
    /// this is all they cost.
    private static func hasReference(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "<"))
    }

    /// The text as its author would type it again: mentions as `@name` and `@channel`
    /// (channel references stay as they are stored).
    public static func typed(_ body: String, names: [Int64: String]) -> String {
        tokens(in: body).map { token in
            switch token {
            case .text(let text): text
            case .person(let id): "@" + (names[id] ?? "?")
            case .everyone: "@channel"
            case .channel(let id): "<#\(id)>"
            }
        }.joined()
    }

    /// The text as a reader sees it, without markup of references: mentions as `@name`, a
    /// channel referred to as `#`.
    public static func plain(_ body: String, names: [Int64: String]) -> String {
        tokens(in: body).map { token in
            switch token {
            case .text(let text): text
            case .person(let id): "@" + (names[id] ?? "?")
            case .everyone: "@channel"
            case .channel: "#"
            }
        }.joined()
    }

    /// The words a message is found by: its own text, not the ids of those it refers to.
    public static func searchable(_ body: String) -> String {
        tokens(in: body).map { token in
            if case .text(let text) = token { return text }
            return " "
        }.joined()
    }

    /// What a message is found by: its text, then its files' names, a line each.
    public static func searchable(_ body: String, fileNames: [String]) -> String {
        ([searchable(body)] + fileNames).joined(separator: "\n")
    }

    private static func render(_ token: Token) -> String {
        switch token {
        case .text(let text): text
        case .person(let id): "<@\(id)>"
        case .everyone: "<!channel>"
        case .channel(let id): "<#\(id)>"
        }
    }

    /// The stored text cut into plain runs and references.
    public enum Token: Equatable, Sendable {
        case text(String)
        case person(Int64)
        case everyone
        case channel(Int64)
    }

    public static func tokens(in body: String) -> [Token] {
        guard hasReference(body) else { return body.isEmpty ? [] : [.text(body)] }
        var tokens: [Token] = []
        var text = ""
        var rest = body[...]
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            let tail = rest[open...]
            if let close = tail.firstIndex(of: ">"), let token = reference(tail[tail.index(after: open)..<close]) {
                if !text.isEmpty {
                    tokens.append(.text(text))
                    text = ""
                }
                tokens.append(token)
                rest = tail[tail.index(after: close)...]
            } else {
                text.append("<")
                rest = tail.dropFirst()
            }
        }
        text += rest
        if !text.isEmpty { tokens.append(.text(text)) }
        return tokens
    }

    private static func reference(_ inside: Substring) -> Token? {
        if inside == "!channel" { return .everyone }
        guard inside.count > 1, inside.count <= 20, let id = Int64(inside.dropFirst()), id > 0 else { return nil }
        switch inside.first {
        case "@": return .person(id)
        case "#": return .channel(id)
        default: return nil
        }
    }

    /// Whether an English word ends here (`@allen` is not `@all`); Japanese has no spaces to
    /// end a word, so `@全員よろしく` mentions everyone.
    private static func endsWord(_ rest: Substring, after word: String) -> Bool {
        guard word.allSatisfy(\.isASCII), let next = rest.first else { return true }
        return !(next.isLetter || next.isNumber || next == "_")
    }
}
