import Foundation
import MusubiCore
import Testing

/// Slack's markup and webhook payloads read as Musubi's typed text.
@Suite struct SlackTextTests {
    @Test func referencesBecomeWhatAPersonWouldType() {
        #expect(
            SlackText.musubi("見て <https://example.jp/a?x=1&amp;y=2|資料 [案]> と <https://example.jp>")
                == "見て [資料 [案)](https://example.jp/a?x=1&y=2) と https://example.jp")
        #expect(
            SlackText.musubi("<!here> <!channel> <!everyone> <!subteam^S1|@研究会> <!date^1392734382^{date}|2014-02-18>")
                == "@channel @channel @channel @研究会 2014-02-18")
        #expect(SlackText.musubi("<@U1> と <@U2|sato> と <#C1|general> と <#C2>") == "@U1 と @sato と #general と #C2")
        #expect(SlackText.musubi("<@U1> へ <#C1>", person: { $0 == "U1" ? "<@7>" : nil }, channel: { _ in "<#3>" }) == "<@7> へ <#3>")
        #expect(SlackText.musubi("1 &lt; 2 &amp;&amp; 3 &gt; 2 <mailto:a@example.jp|連絡>") == "1 < 2 && 3 > 2 連絡")
        #expect(SlackText.musubi("<javascript:alert(1)|押す> 閉じない <x") == "押す 閉じない <x", "only http(s) becomes a link")
        #expect(
            SlackText.emoji(":robot_face:") == "🤖" && SlackText.emoji("🐟") == "🐟" && SlackText.emoji(":no_such_emoji:") == nil
                && SlackText.emoji("a") == nil)
    }

    @Test func payloadsReadTextBlocksAndAttachments() throws {
        let plain = try SlackPayload.parse(Data(#"{"text": "こんにちは <!channel>", "username": "bot", "icon_emoji": ":bell:"}"#.utf8))
        #expect(plain.text == "こんにちは @channel" && plain.username == "bot" && plain.iconEmoji == ":bell:")
        let rich = try SlackPayload.parse(
            Data(
                #"""
                {"text": "fallback", "blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [
                  {"type": "text", "text": "報告 "}, {"type": "link", "url": "https://example.jp", "text": "詳細"}, {"type": "emoji", "name": "fish", "unicode": "1f41f"},
                  {"type": "user", "user_id": "U9"}]}, {"type": "rich_text_list", "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "一"}]}]}]},
                  {"type": "image", "image_url": "https://example.jp/i.png", "alt_text": "図"}, {"type": "context", "elements": [{"type": "mrkdwn", "text": "注"}]}],
                 "attachments": [{"fallback": "代わり"}, {"pretext": "前書き", "text": "本文"}]}
                """#.utf8))
        #expect(rich.text == "報告 [詳細](https://example.jp)🐟@U9\n・一\n[図](https://example.jp/i.png)\n注\n\n> 代わり\n\n前書き\n> 本文")
        #expect(try SlackPayload.parse(Data(#"{"text": "本文", "blocks": []}"#.utf8)).text == "本文", "empty blocks leave the text")
        for bad in ["", "null", "[]", #"{"text": 1}"#, #"{"blocks": {}}"#, #"{"attachments": [1]}"#, #"{"username": []}"#] {
            #expect(throws: MusubiError.invalid("payload", "error.webhook_payload")) { try SlackPayload.parse(Data(bad.utf8)) }
        }
    }
}
