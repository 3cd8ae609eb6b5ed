import Foundation
import Testing

@testable import MusubiCore

/// How text is cut for the search index, how a typed query is read, and how results are
/// highlighted.
@Suite struct SearchTextTests {
    /// Text whose every scalar is a character of its own is cut scalar by scalar; it must
    /// give the tokens that cutting character by character gives.
    @Test(arguments: [
        "水素燃料電池の共同研究、2026年度から。AI・IoT活用！", "お疲れさまです。〇〇の件、〜3月末（予定）で +1 です",
        "ﾏｲｸﾛﾊﾞﾌﾞﾙ発生装置 #bench-007 <@12> [資料](https://example.jp/a?b=c)", "ゝゞヽヾ々〆〇〰〽",
        String(repeating: "a", count: 100) + " 水" + String(repeating: "b", count: 70), "   ", "",
    ])
    func cuttingByScalarsGivesTheTokensOfCuttingByCharacters(_ text: String) {
        let normalized = JapaneseText.normalize(text)
        #expect(normalized.unicodeScalars.allSatisfy(SearchGrams.standsAlone), "the quick way is taken: \(normalized)")
        #expect(SearchGrams.indexed(normalized: normalized) == SearchGrams.tokensByCharacter(normalized).joined(separator: " "))
        #expect(
            SearchGrams.indexed(normalized: text) == SearchGrams.tokensByCharacter(text).joined(separator: " ")
                || !text.unicodeScalars.allSatisfy(SearchGrams.standsAlone))
    }

    @Test func textWithCombiningMarksOrEmojiIsCutByCharacters() {
        for text in ["か\u{3099}き", "e\u{301}cole 水素", "👍🏽 了解", "👨‍👩‍👧 家族", "🇯🇵 日本", "한국어 텍스트", JapaneseText.normalize("濁点 ゛゜")] {
            #expect(!text.unicodeScalars.allSatisfy(SearchGrams.standsAlone), "\(text)")
            #expect(SearchGrams.indexed(normalized: text) == SearchGrams.tokensByCharacter(text).joined(separator: " "))
        }
    }

    @Test func japaneseIsIndexedByPairsAndEnglishByWords() {
        #expect(SearchGrams.tokens(of: "水素燃料") == ["水素", "素燃", "燃料", "料"])
        #expect(SearchGrams.tokens(of: "ＡＩで養殖、2026年") == ["ai", "で養", "養殖", "殖", "2026", "年"])
        #expect(SearchGrams.tokens(of: "ﾏｲｸﾛﾊﾞﾌﾞﾙ") == SearchGrams.tokens(of: "まいくろばぶる"))
        #expect(SearchGrams.tokens(of: "!!! ...") == [])
    }

    @Test func aQueryMatchesExactlyWhereItsTextOccurs() {
        let phrase = { SearchGrams.phrase(JapaneseText.normalize($0)) }
        #expect(phrase("水") == SearchGrams.Phrase(tokens: ["水"], lastIsPrefix: true))
        #expect(phrase("水素") == SearchGrams.Phrase(tokens: ["水素"], lastIsPrefix: false))
        #expect(phrase("燃料電池") == SearchGrams.Phrase(tokens: ["燃料", "料電", "電池"], lastIsPrefix: false))
        #expect(phrase("AI化") == SearchGrams.Phrase(tokens: ["ai", "化"], lastIsPrefix: true))
        #expect(phrase("水素AI") == SearchGrams.Phrase(tokens: ["水素", "素", "ai"], lastIsPrefix: false))
        #expect(phrase("燃料 電池") == SearchGrams.Phrase(tokens: ["燃料", "料", "電池"], lastIsPrefix: false))
        #expect(phrase("・・・") == nil)
    }

    @Test func queriesGiveWordsPhrasesAndFilters() throws {
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        let query = try MessageQuery.parse(#"水素 "燃料 電池" in:#雑談 from:@松本 after:2026-10-01 before:2026-11-01 ﾊﾞﾌﾞﾙ"#, timeZone: tokyo)
        #expect(query.phrases == ["水素", "燃料 電池", "ばぶる"])
        #expect(query.channelNames == ["雑談"])
        #expect(query.authorNames == ["松本"])
        let iso = ISO8601DateFormatter()
        #expect(query.since == iso.date(from: "2026-10-01T15:00:00Z")) // the day after, from midnight in Tokyo
        #expect(query.until == iso.date(from: "2026-10-31T15:00:00Z"))
        let day = try MessageQuery.parse("on:2026/11/3 in:\"共同 研究\"", timeZone: tokyo)
        #expect(day.since == iso.date(from: "2026-11-02T15:00:00Z") && day.until == iso.date(from: "2026-11-03T15:00:00Z"))
        #expect(day.channelNames == ["共同 研究"] && day.phrases.isEmpty)
        #expect(try MessageQuery.parse("   ", timeZone: tokyo).isEmpty)
        let quoted = try MessageQuery.parse(#""on:air" in: from:"#, timeZone: tokyo)
        #expect(quoted.phrases == ["on:air"] && quoted.channelNames.isEmpty && quoted.authorNames.isEmpty && quoted.since == nil)
        #expect(SearchGrams.tokens(of: String(repeating: "a", count: 3_000)) == [String(repeating: "a", count: 64)])

        #expect(throws: MusubiError.invalid("q", "error.search_date")) { try MessageQuery.parse("before:2026-02-30", timeZone: tokyo) }
        #expect(throws: MusubiError.invalid("q", "error.search_date")) { try MessageQuery.parse("after:昨日", timeZone: tokyo) }
        #expect(throws: MusubiError.invalid("q", "error.search_too_long")) {
            try MessageQuery.parse(String(repeating: "水", count: 501), timeZone: tokyo)
        }
    }

    @Test func highlightsMarkTheOriginalTextWhateverItsWidthAndWholeEnglishWords() {
        let marked = { (segments: [SearchMatches.Segment]) in segments.filter(\.isMatch).map(\.text) }
        #expect(marked(SearchMatches.highlight("ﾏｲｸﾛﾊﾞﾌﾞﾙで養殖。AIとaim", phrases: ["まいくろばぶる", "ai"])) == ["ﾏｲｸﾛﾊﾞﾌﾞﾙ", "AI"])
        #expect(marked(SearchMatches.highlight("コンピューターと時々", phrases: [JapaneseText.normalize("コンピュータ"), "時時"])) == ["コンピュータ", "時々"])
        let long = String(repeating: "あ", count: 300) + "水素" + String(repeating: "い", count: 300)
        let cut = SearchMatches.highlight(long, phrases: ["水素"], length: 100)
        #expect(cut.first?.text == "…" && cut.last?.text == "…" && marked(cut) == ["水素"])
        #expect(cut.map(\.text).joined().count == 102)
        #expect(SearchMatches.counts(of: ["ai", "水"], inNormalized: "ai said ai 水水") == [2, 2])
    }
}
