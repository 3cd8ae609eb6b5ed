import Foundation

/// What someone typed into the exchange's search box: words and "quoted phrases" that must
/// all occur (in the text or a file's name), and filters — `in:channel`, `from:person`,
/// `has:file`, `before:`, `after:` and `on:` a date (YYYY-MM-DD, a day in the installation's
/// time zone; like Slack, before and after leave out the day itself).
public struct MessageQuery: Sendable, Equatable {
    /// Normalised phrases, each of which must occur.
    public var phrases: [String] = []
    /// Channels named with `in:` (any of them).
    public var channelNames: [String] = []
    /// People named with `from:` (any of them).
    public var authorNames: [String] = []
    /// Messages from this moment on.
    public var since: Date?
    /// Messages before this moment.
    public var until: Date?
    /// Only messages with a file.
    public var hasFile = false

    public static let limit = 500

    public var isEmpty: Bool { phrases.isEmpty && channelNames.isEmpty && authorNames.isEmpty && since == nil && until == nil && !hasFile }

    /// Reads the typed query; a date that is not a day, `has:` anything but `file`, or a query
    /// past 500 characters, is refused with the field `q`.
    public static func parse(_ typed: String, timeZone: TimeZone) throws -> MessageQuery {
        guard typed.count <= limit else { throw MusubiError.invalid("q", "error.search_too_long") }
        var query = MessageQuery()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        for part in parts(of: typed) {
            guard !part.quoted, let (key, value) = filter(part.text) else {
                let phrase = JapaneseText.normalize(part.text)
                if SearchGrams.phrase(phrase) != nil { query.phrases.append(phrase) }
                continue
            }
            guard !value.isEmpty else { continue } // a filter left empty narrows nothing
            switch key {
            case "in": query.channelNames.append(value.hasPrefix("#") ? String(value.dropFirst()) : value)
            case "from": query.authorNames.append(value.hasPrefix("@") ? String(value.dropFirst()) : value)
            case "has":
                guard ["file", "files"].contains(value.lowercased()) else { throw MusubiError.invalid("q", "error.search_has") }
                query.hasFile = true
            default:
                guard let day = Self.day(value, calendar), let next = calendar.date(byAdding: .day, value: 1, to: day) else {
                    throw MusubiError.invalid("q", "error.search_date")
                }
                switch key {
                case "before": query.until = min(query.until ?? day, day)
                case "after": query.since = max(query.since ?? next, next)
                default: (query.since, query.until) = (max(query.since ?? day, day), min(query.until ?? next, next))
                }
            }
        }
        return query
    }

    /// The pieces of the query: words, and quoted phrases kept whole. A piece that begins
    /// with a quote is text, never a filter (`"on:air"`); `in:"a name"` is a filter.
    private static func parts(of typed: String) -> [(text: String, quoted: Bool)] {
        var parts: [(text: String, quoted: Bool)] = []
        var current = ""
        var quoted = false
        var startsQuoted = false
        for character in typed {
            if character == "\"" || character == "“" || character == "”" {
                if current.isEmpty && !quoted { startsQuoted = true }
                quoted.toggle()
            } else if character.isWhitespace && !quoted {
                if !current.isEmpty { parts.append((current, startsQuoted)) }
                (current, startsQuoted) = ("", false)
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append((current, startsQuoted)) }
        return parts
    }

    /// `key:value` for the known filters (a full-width colon too), when the piece is one.
    private static func filter(_ part: String) -> (String, String)? {
        guard let colon = part.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let key = part[..<colon].lowercased()
        guard ["in", "from", "has", "before", "after", "on"].contains(key) else { return nil }
        return (key, String(part[part.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }

    private static func day(_ value: String, _ calendar: Calendar) -> Date? {
        let numbers = value.split(whereSeparator: { $0 == "-" || $0 == "/" }).map { Int($0) }
        guard numbers.count == 3, let year = numbers[0], let month = numbers[1], let day = numbers[2],
            (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}
