import MusubiCore
import Testing

@testable import MusubiWeb

/// The safe subset of Markdown: what the author typed never becomes markup of its own.
@Suite struct MessageMarkupTests {
    let markup = MessageMarkup(
        names: [7: "松本 <b>恭平</b>"], channelNames: [3: "雑談"], memberHref: { "/members/\($0)" }, channelHref: { "/exchange/channels/\($0)" })

    @Test func emphasisCodeQuotesAndLinks() {
        #expect(markup.html("これは*太字*と_斜体_と~取り消し~です") == "これは<strong>太字</strong>と<em>斜体</em>と<del>取り消し</del>です")
        #expect(markup.html("snake_case_name と 2*3*4") == "snake_case_name と 2*3*4")
        #expect(
            markup.html("`<b>` と ```\nlet x = \"<i>\"\n```") == "<code>&lt;b&gt;</code> と <pre><code>let x = &quot;&lt;i&gt;&quot;\n</code></pre>")
        #expect(markup.html("> 引用です\n本文") == "<blockquote>引用です</blockquote>本文")
        // As a browser's form sends it (CRLF): the quote ends at its line, and every later
        // `>` line is quoted.
        #expect(
            markup.html("> 引用の一行目\r\n次の行は本文\r\n> 二つ目\r\n> 三行目")
                == "<blockquote>引用の一行目</blockquote>次の行は本文<br><blockquote>二つ目<br>三行目</blockquote>")
        // Links as Slack writes them, with a label or without.
        #expect(
            markup.html("<https://example.jp/a|リンク> と <https://example.jp/b>")
                == "<a href=\"https://example.jp/a\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">リンク</a> と "
                + "<a href=\"https://example.jp/b\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">https://example.jp/b</a>")
        #expect(Validator.unixLineBreaks("一\r\n二\r三\n四") == "一\n二\n三\n四")
        #expect(
            markup.html("詳しくは https://example.jp/a_b_c。")
                == "詳しくは <a href=\"https://example.jp/a_b_c\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">https://example.jp/a_b_c</a>。")
        #expect(
            markup.html("[資料](https://example.jp/x)")
                == "<a href=\"https://example.jp/x\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">資料</a>")
    }

    @Test func nothingTheAuthorTypesBecomesMarkup() {
        #expect(markup.html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(markup.html("[click](javascript:alert(1))") == "[click](javascript:alert(1))")
        #expect(markup.html("<img src=x onerror=alert(1)>\"'") == "&lt;img src=x onerror=alert(1)&gt;&quot;&#39;")
        #expect(markup.html("*<b>x</b>*") == "<strong>&lt;b&gt;x&lt;/b&gt;</strong>")
        #expect(
            markup.html("https://example.jp/\"><script>")
                == "<a href=\"https://example.jp/\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">https://example.jp/</a>&quot;&gt;&lt;script&gt;"
        )
    }

    @Test func mentionsAndChannelReferences() {
        #expect(
            markup.html("<@7> さん <!channel> <#3> <#4> <@8>")
                == "<a class=\"mention\" href=\"/members/7\">@松本 &lt;b&gt;恭平&lt;/b&gt;</a> さん <span class=\"mention everyone\">@channel</span> <a class=\"channel-ref\" href=\"/exchange/channels/3\">#雑談</a> #4 @?"
        )
    }
}
