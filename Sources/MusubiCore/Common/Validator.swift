import Foundation

/// Collects every problem with an input before anything is written, so a form can show
/// them all at once. Each problem names the field and a catalog key.
public struct Validator: Sendable {
    public private(set) var problems: [MusubiError.Problem] = []

    public init() {}

    /// The longest e-mail address and web address, in Unicode scalars; the most fields a
    /// profile, an organisation, a group or a listing is in.
    public static let limits = (email: 254, website: 300, fields: 20)

    public mutating func fail(_ field: String, _ key: String) {
        problems.append(.init(field: field, key: key))
    }

    /// Checks the text and trims it: required or not, at most `limit` characters (Unicode
    /// scalars, as sent: what a JSON Schema's `maxLength` counts), and no control or format
    /// characters (new lines and tabs allowed only where `multiline`) but the white space
    /// trimmed off its ends.
    @discardableResult
    /// A text trimmed of white space around it; a multi-line one with its line breaks as
    /// `\n` (a browser's form sends `\r\n`, which Swift reads as one character, so that a
    /// text split at `\n` would stay one line).
    public mutating func text(_ field: String, _ value: String, required: Bool = false, limit: Int, multiline: Bool = false) -> String {
        let lines = multiline ? Self.unixLineBreaks(value) : value
        let trimmed = lines.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && trimmed.isEmpty {
            fail(field, "error.required")
        } else if value.unicodeScalars.count > limit {
            fail(field, "error.too_long")
        } else if trimmed.unicodeScalars.contains(where: { Self.isForbidden($0, multiline: multiline) }) {
            fail(field, "error.control_characters")
        }
        return trimmed
    }

    /// `\r\n` and a lone `\r` as `\n`.
    public static func unixLineBreaks(_ text: String) -> String {
        guard text.unicodeScalars.contains("\r") else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    public mutating func email(_ field: String, _ value: String) -> String {
        let email = text(field, value, required: true, limit: Self.limits.email).lowercased()
        guard !email.isEmpty else { return email }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
        if !valid && problems.last?.field != field { fail(field, "error.email") }
        return email
    }

    public mutating func password(_ field: String, _ value: String) {
        if value.count < 10 {
            fail(field, "error.password_too_short")
        } else if value.utf8.count > 72 {
            fail(field, "error.password_too_long")
        }
    }

    public mutating func website(_ field: String, _ value: String) -> String {
        let url = text(field, value, limit: Self.limits.website)
        guard !url.isEmpty else { return url }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
            let parsed = URL(string: url), parsed.host?.isEmpty == false
        else {
            fail(field, "error.url")
            return url
        }
        return url
    }

    public mutating func prefecture(_ field: String, _ code: String, required: Bool = true) -> String {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty && !required { return trimmed }
        if Prefecture.named(trimmed) == nil { fail(field, "error.prefecture") }
        return trimmed
    }

    /// Comma- or newline-separated words (keywords, languages): at most `maxCount` as sent,
    /// each at most `maxLength` scalars; trimmed, and blanks and repeats left out.
    public mutating func list(_ field: String, _ values: [String], maxCount: Int, maxLength: Int) -> [String] {
        if values.count > maxCount {
            fail(field, "error.too_many")
            return []
        }
        var seen = Set<String>()
        var result: [String] = []
        for raw in values {
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty, seen.insert(value).inserted else { continue }
            if raw.unicodeScalars.count > maxLength || value.unicodeScalars.contains(where: { Self.isForbidden($0, multiline: false) }) {
                fail(field, "error.item_invalid")
                return result
            }
            result.append(value)
        }
        return result
    }

    public mutating func fieldIDs(_ field: String, _ ids: [Int64], known: FieldTree) -> [Int64] {
        let unique = Array(Set(ids)).sorted()
        if unique.contains(where: { known.field($0) == nil }) { fail(field, "error.field_unknown") }
        if ids.count > Self.limits.fields { fail(field, "error.too_many") }
        return unique
    }

    public func check() throws {
        if !problems.isEmpty { throw MusubiError.invalid(problems) }
    }

    private static func isForbidden(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        if multiline && (scalar == "\n" || scalar == "\r" || scalar == "\t") { return false }
        return scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format && scalar.value != 0x200D
    }

    /// The scalars a text may not hold (but trimmed off its ends), as ranges of code points:
    /// for the API's document, which states the rule as a pattern.
    public static func forbiddenScalars(multiline: Bool) -> [ClosedRange<UInt32>] {
        multiline ? forbiddenInMultiline : forbiddenInLine
    }
    private static let forbiddenInLine = ranges { isForbidden($0, multiline: false) }
    private static let forbiddenInMultiline = ranges { isForbidden($0, multiline: true) }

    /// The scalars trimmed off a text's ends, as ranges of code points.
    public static let trimmedScalars = ranges { CharacterSet.whitespacesAndNewlines.contains($0) }

    private static func ranges(of predicate: (Unicode.Scalar) -> Bool) -> [ClosedRange<UInt32>] {
        var ranges: [ClosedRange<UInt32>] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), predicate(scalar) else { continue }
            if let last = ranges.last, last.upperBound == value - 1 {
                ranges[ranges.count - 1] = last.lowerBound...value
            } else {
                ranges.append(value...value)
            }
        }
        return ranges
    }

    /// Splits what a person typed into a keyword box: commas (both widths), 、 and new lines.
    public static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { ",，、\n\r".contains($0) }).map(String.init)
    }
}

/// Languages a profile may list.
public enum Language {
    public static let codes = ["ja", "en", "zh", "ko", "vi", "th", "id", "tl", "pt", "es", "fr", "de", "ne", "my"]
}
