import MusubiCore
import Testing

@Suite struct ValidatorTests {
    @Test func collectsEveryProblemAtOnce() {
        var check = Validator()
        _ = check.text("name", "   ", required: true, limit: 10)
        _ = check.email("email", "not-an-email")
        check.password("password", "short")
        _ = check.website("website", "javascript:alert(1)")
        _ = check.prefecture("prefecture", "48")
        _ = check.text("title", "bad\u{0007}bell", limit: 100)
        #expect(check.problems.map(\.field) == ["name", "email", "password", "website", "prefecture", "title"])
        #expect(throws: MusubiError.self) { try check.check() }
    }

    @Test func acceptsGoodInputAndTrimsIt() throws {
        var check = Validator()
        #expect(check.text("name", "  山田 太郎  ", required: true, limit: 10) == "山田 太郎")
        #expect(check.email("email", " Taro@Example.JP ") == "taro@example.jp")
        #expect(check.website("website", "https://example.jp/about") == "https://example.jp/about")
        #expect(check.prefecture("prefecture", "31") == "31")
        #expect(check.text("offer", "一行目\n二行目", limit: 100, multiline: true) == "一行目\n二行目")
        try check.check()
    }

    @Test func splitsKeywordsOnJapaneseAndLatinCommas() {
        #expect(Validator.splitList("養殖、水素，AI,  IoT\nDX") == ["養殖", "水素", "AI", "  IoT", "DX"])
    }
}
