import Foundation
import Testing

@testable import MusubiCore

@Suite struct JapaneseTextTests {
    @Test(arguments: [
        ("ﾏｲｸﾛﾊﾞﾌﾞﾙ", "まいくろばぶる"),
        ("マイクロバブル", "まいくろばぶる"),
        ("まいくろばぶる", "まいくろばぶる"),
        ("ＡＩ", "ai"),
        ("ａｉ　活用", "ai 活用"),
        ("２０２６年", "2026年"),
        ("コンピューター", "こんぴゅた"),
        ("コンピュータ", "こんぴゅた"),
        ("ファイン・バブル", "ふぁいんばぶる"),
        ("時々", "時時"),
        ("いすゞ", "いすず"),
        ("ヴァイオリン", "ゔぁいおりん"),
        ("  水素   技術 ", "水素 技術"),
        ("Ｈ２Ｏ", "h2o"),
    ])
    func normalises(_ input: String, _ expected: String) {
        #expect(JapaneseText.normalize(input) == expected)
    }

    @Test func theThreeSpellingsOfMicrobubbleAreOneWord() {
        let forms = ["ﾏｲｸﾛﾊﾞﾌﾞﾙ", "マイクロバブル", "まいくろばぶる"].map(JapaneseText.normalize)
        #expect(Set(forms).count == 1)
    }

    @Test func queryTermsSplitOnAnySpace() {
        #expect(JapaneseText.terms(of: "水素　ｴﾈﾙｷﾞｰ  AI") == ["水素", "えねるぎ", "ai"])
        #expect(JapaneseText.terms(of: "   ").isEmpty)
    }

    /// The shortcut past the Unicode tables is right only if it folds each character as the
    /// tables do: every one it takes is checked here.
    @Test func charactersFoldedWithoutTheTablesFoldAsWithThem() {
        var taken = 0
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), let folded = JapaneseText.foldedAlone(scalar) else { continue }
            let text = String(Character(scalar))
            let byTables = text.precomposedStringWithCompatibilityMapping.lowercased().precomposedStringWithCanonicalMapping
            #expect(byTables == String(Character(folded)), "U+\(String(value, radix: 16))")
            taken += 1
        }
        #expect(taken > 20_000)
        #expect(JapaneseText.normalize("（ＡＩ）！") == "(ai)!")
        #expect(JapaneseText.normalize("かﾞ") == JapaneseText.normalize("が"), "a voicing mark sends the text through the tables")
    }
}
