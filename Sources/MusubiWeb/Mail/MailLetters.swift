import Foundation
import MusubiCore

/// Renders the outbox's letters into mail, in the installation's language: the text from a
/// template (`mail-<letter>.mustache`), and the HTML part from that same text, escaped, its
/// paragraphs kept and its addresses made links, so the two always say the same.
public struct MailLetters: LetterWriter {
    let configuration: WebConfiguration
    let templates: Templates
    let catalog: Catalog

    /// What a notice's mail template reads.
    struct NoticeMail {
        var greeting: String
        var headline: String
        var excerpt: String
        var link: String
        var unsubscribe: String?
        var settings: String
        var siteName: String
        var t: [String: any Sendable]
    }

    public func mail(_ letter: Letter) -> MailMessage {
        let language = configuration.defaultLanguage
        let siteName = configuration.name(in: language)
        let unsubscribe = letter.unsubscribeToken.map { configuration.absolute(Paths.unsubscribe.href($0)) }
        let subject: String
        let text: String
        switch letter.content {
        case .notice(let notice, let actorName):
            let headline = NoticeText(catalog: catalog, language: language).headline(notice, actorName: actorName)
            subject = "[\(siteName)] \(headline)"
            let model = NoticeMail(
                greeting: catalog.text("mail.greeting", language).replacingOccurrences(of: "{name}", with: letter.to.name), headline: headline,
                excerpt: notice.excerpt, link: configuration.absolute(NoticeText.path(notice.target)),
                unsubscribe: unsubscribe, settings: configuration.absolute(Paths.notificationPreferences.href()), siteName: siteName,
                t: catalog.tree(language))
            text = templates.render("mail-notice", model) ?? headline
        }
        return MailMessage(
            from: MailAddress(name: siteName, address: configuration.mailFrom), to: [letter.to], subject: subject, text: text,
            html: Self.html(text, title: subject), unsubscribe: unsubscribe, messageID: letter.messageKey + "@" + configuration.publicHost,
            date: letter.date)
    }

    /// The text as HTML: escaped, blank lines between paragraphs, line breaks kept, and every
    /// http(s) address a link.
    static func html(_ text: String, title: String) -> String {
        let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").filter {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        let body = paragraphs.map { paragraph in
            "<p>" + paragraph.split(separator: "\n", omittingEmptySubsequences: false).map { linked(String($0)) }.joined(separator: "<br>\n") + "</p>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(MessageMarkup.escape(title))</title></head>
            <body style="font-family: sans-serif; line-height: 1.6; max-width: 40em">
            \(body)
            </body></html>
            """
    }

    /// A line escaped, its addresses (up to the next space) as links.
    private static func linked(_ line: String) -> String {
        line.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let text = String(word)
            guard text.hasPrefix("https://") || text.hasPrefix("http://") else { return MessageMarkup.escape(text) }
            return "<a href=\"\(MessageMarkup.escape(text))\">\(MessageMarkup.escape(text))</a>"
        }.joined(separator: " ")
    }
}
