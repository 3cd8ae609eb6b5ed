import Foundation
import MusubiTestSupport
import Testing

@testable import MusubiCore

/// Mails as a Japanese reader's mail program reads them: checked line by line, and read back
/// by Python's own mail parser, a reader that did not come from here.
@Suite struct MIMEMessageTests {
    static let mail = MailMessage(
        from: MailAddress(name: "とっとりインダストリーMix", address: "noreply@musubi.example.jp"),
        to: [MailAddress(name: "松本 恭平", address: "member@example.jp")],
        subject: "【公募】令和8年度 地域産業技術開発支援補助金(締切まで残り3日)のお知らせ",
        text: "松本 恭平 様\n\n保存した公募の締切が近づいています。\n詳しくは次をご覧ください。",
        html: "<p>松本 恭平 様</p><p>保存した公募の締切が近づいています。</p>",
        unsubscribe: "https://musubi.example.jp/unsubscribe/abc", messageID: "20261206.1@musubi.example.jp",
        date: Date(timeIntervalSince1970: 1_796_601_600)
    )

    @Test func japaneseHeadersAreEncodedWordsOfWholeCharactersAndFolded() {
        let rendered = MIMEMessage.render(Self.mail, boundary: "b1")
        let headerLines = rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(headerLines.allSatisfy { $0.count <= 78 }, "\(headerLines.filter { $0.count > 78 })")
        #expect(headerLines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "headers are ASCII")
        let words = rendered.components(separatedBy: "=?UTF-8?B?").dropFirst().map { String($0.prefix { $0 != "?" }) }
        for word in words {
            let decoded = Data(base64Encoded: word)
            #expect(decoded.flatMap { String(data: $0, encoding: .utf8) } != nil, "each word is whole UTF-8: \(word)")
            #expect(word.count + 12 <= 60)
        }
        #expect(rendered.contains("Date: Mon, 07 Dec 2026 00:00:00 +0000\r\n"))
        #expect(rendered.contains("Message-ID: <20261206.1@musubi.example.jp>\r\n"))
        #expect(
            rendered.contains(
                "List-Unsubscribe: <https://musubi.example.jp/unsubscribe/abc>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(rendered.contains("Content-Type: multipart/alternative; boundary=\"b1\""))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
    }

    @Test func aLineBreakInASubjectOrANameCannotAddAHeader() {
        var mail = Self.mail
        mail.subject = "ご案内\r\nBcc: everyone@example.jp"
        mail.to = [MailAddress(name: "Evil\nBcc: x@example.jp", address: "member@example.jp")]
        let rendered = MIMEMessage.render(mail, boundary: "b1")
        #expect(!rendered.contains("\r\nBcc:"))
        #expect(MIMEMessage.mailbox(mail.to[0]) == "\"Evil Bcc: x@example.jp\" <member@example.jp>")
    }

    @Test func plainAsciiStaysReadableAndSpecialsAreQuoted() {
        #expect(MIMEMessage.encodedWords("Weekly digest") == "Weekly digest")
        #expect(MIMEMessage.mailbox(MailAddress(name: "Musubi", address: "a@example.jp")) == "Musubi <a@example.jp>")
        #expect(MIMEMessage.mailbox(MailAddress(name: "Okada, M.", address: "a@example.jp")) == "\"Okada, M.\" <a@example.jp>")
        #expect(MIMEMessage.mailbox(MailAddress(address: "a@example.jp")) == "<a@example.jp>")
        #expect(MailAddress(address: "a@example.jp").isUsable)
        #expect(!MailAddress(address: "a@example.jp>\r\nBcc: b@example.jp").isUsable)
        #expect(!MailAddress(address: "no-at-sign").isUsable)
    }

    /// Python's `email` package, with its modern policy, decodes what a mail program shows.
    @Test func pythonsMailParserReadsItBack() throws {
        let rendered = MIMEMessage.render(Self.mail, boundary: "=_musubi_b1")
        let script = """
            import email, email.policy, json, sys
            m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
            parts = {p.get_content_type(): p.get_content() for p in m.walk() if not p.is_multipart()}
            print(json.dumps({"subject": str(m["subject"]), "from": str(m["from"]), "to": str(m["to"]),
                              "plain": parts.get("text/plain"), "html": parts.get("text/html"), "defects": len(m.defects)}))
            """
        let read = try Python.json(script, input: Data(rendered.utf8))
        #expect(read["subject"] as? String == Self.mail.subject)
        #expect(read["from"] as? String == "とっとりインダストリーMix <noreply@musubi.example.jp>")
        #expect(read["to"] as? String == "松本 恭平 <member@example.jp>")
        #expect((read["plain"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == Self.mail.text)
        #expect(read["html"] as? String == Self.mail.html)
        #expect(read["defects"] as? Int == 0)
    }
}
