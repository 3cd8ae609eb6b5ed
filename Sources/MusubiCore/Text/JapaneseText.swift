import Foundation

/// The one normalisation of text for search and matching, so that ﾏｲｸﾛﾊﾞﾌﾞﾙ, マイクロバブル and
/// まいくろばぶる are one word, and ＡＩ, ａｉ and AI too.
///
/// Steps: NFKC (full/half width), case folding, katakana to hiragana, long-vowel marks
/// dropped (コンピューター = コンピュータ), iteration marks spelled out (時々 = 時時,
/// いすゞ = いすず), and runs of white space collapsed to one space.
public enum JapaneseText {
    public static func normalize(_ text: String) -> String {
        // Most text (ASCII, kana, common kanji and punctuation) is its own NFKC and NFC;
        // only the rest goes through the Unicode tables, the slow part.
        let needsTables = text.unicodeScalars.contains { !isOwnNormalForm($0) }
        let folded = needsTables ? text.precomposedStringWithCompatibilityMapping.lowercased() : text.lowercased()
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(folded.unicodeScalars.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if isLongVowelMark(scalar) || isIgnorableSeparator(scalar) { continue }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            if let repeated = expandIterationMark(scalar, after: scalars.last) {
                scalars.append(repeated)
            } else {
                scalars.append(hiragana(for: scalar))
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return needsTables ? String(result).precomposedStringWithCanonicalMapping : String(result)
    }

    /// Scalars that NFKC and NFC leave as they are and that nothing composes with.
    static func isOwnNormalForm(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20...0x7E, 0x3001...0x3002, 0x3005, 0x300C...0x300F, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x4E00...0x9FFF: true
        default: false
        }
    }

    /// The query split into normalised terms; every term must be found.
    public static func terms(of query: String) -> [String] {
        normalize(query).split(separator: " ").map(String.init)
    }

    /// Unicode's White_Space property, spelled out: asking the scalar's properties is the
    /// slowest step of normalising otherwise.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Katakana ァ..ヶ sit exactly 0x60 above their hiragana.
    private static func hiragana(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard (0x30A1...0x30F6).contains(scalar.value) else { return scalar }
        return Unicode.Scalar(scalar.value - 0x60) ?? scalar
    }

    private static func isLongVowelMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x30FC // ー (NFKC has already turned the half-width ｰ into it)
    }

    /// The middle dot in ファイン・バブル separates nothing a searcher types.
    private static func isIgnorableSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x30FB || scalar.value == 0x00B7
    }

    private static func expandIterationMark(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Unicode.Scalar? {
        guard let previous else { return nil }
        switch scalar.value {
        case 0x3005: // 々
            return previous
        case 0x309D, 0x30FD: // ゝ ヽ
            return previous
        case 0x309E, 0x30FE: // ゞ ヾ: the previous kana with a voicing mark
            let voiced = String(previous) + "\u{3099}"
            return voiced.precomposedStringWithCanonicalMapping.unicodeScalars.count == 1
                ? voiced.precomposedStringWithCanonicalMapping.unicodeScalars.first
                : previous
        default:
            return nil
        }
    }
}
