import Foundation

/// The one normalisation of text for search and matching, so that ﾏｲｸﾛﾊﾞﾌﾞﾙ, マイクロバブル and
/// まいくろばぶる are one word, and ＡＩ, ａｉ and AI too.
///
/// Steps: NFKC (full/half width), case folding, katakana to hiragana, long-vowel marks
/// dropped (コンピューター = コンピュータ), iteration marks spelled out (時々 = 時時,
/// いすゞ = いすず), and runs of white space collapsed to one space.
public enum JapaneseText {
    public static func normalize(_ text: String) -> String {
        // Most text (ASCII and its full-width forms, kana, common kanji and punctuation)
        // folds one scalar at a time; only the rest goes through the Unicode tables, which
        // take several times as long.
        if text.unicodeScalars.allSatisfy({ foldedAlone($0) != nil }) {
            return String(tidied(text.unicodeScalars) { foldedAlone($0) ?? $0 })
        }
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        return String(tidied(folded.unicodeScalars) { $0 }).precomposedStringWithCanonicalMapping
    }

    /// What NFKC and lowercasing make of a scalar that needs no tables for it: its own
    /// normal form, or a plain one-to-one mapping. Nil for the rest, so that a text with any
    /// other scalar (a combining mark among them) goes through the tables whole.
    static func foldedAlone(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x41...0x5A: // A-Z
            Unicode.Scalar(scalar.value + 0x20)
        case 0xFF21...0xFF3A: // Ａ-Ｚ
            Unicode.Scalar(scalar.value - 0xFEE0 + 0x20)
        case 0xFF01...0xFF5E: // the rest of full-width ASCII: ！（）０-９ ａ-ｚ …
            Unicode.Scalar(scalar.value - 0xFEE0)
        case 0x3000: // the ideographic space
            " "
        case 0x09...0x0D, 0x20...0x7E, 0x3001...0x301F, 0x3041...0x3096, 0x30A1...0x30FC, 0x4E00...0x9FFF:
            scalar
        default:
            nil
        }
    }

    /// The folded scalars with runs of white space collapsed (and none at either end), long
    /// vowel marks and middle dots dropped, iteration marks spelled out and katakana written
    /// as hiragana.
    private static func tidied(_ scalars: some Sequence<Unicode.Scalar>, folding fold: (Unicode.Scalar) -> Unicode.Scalar) -> String.UnicodeScalarView
    {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        var pendingSpace = false
        for original in scalars {
            let scalar = fold(original)
            if isWhitespace(scalar) {
                pendingSpace = previous != nil
                continue
            }
            if isLongVowelMark(scalar) || isIgnorableSeparator(scalar) { continue }
            if pendingSpace {
                result.append(" ")
                previous = " "
                pendingSpace = false
            }
            let kept = expandIterationMark(scalar, after: previous) ?? hiragana(for: scalar)
            result.append(kept)
            previous = kept
        }
        return result
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
