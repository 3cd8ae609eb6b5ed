import Foundation
import MusubiCore

/// Renders the outbox's letters into mail, in the installation's language: the text from one
/// template (`mail-letter.mustache`), and the HTML part from that same text, escaped, its
/// paragraphs kept and its addresses made links, so the two always say the same.
public struct MailLetters: LetterWriter {
    let configuration: WebConfiguration
    let templates: Templates
    let catalog: Catalog
    /// Signs the image that counts a mail as opened, when the installation counts them.
    let opens: MailOpens?

    init(configuration: WebConfiguration, templates: Templates, catalog: Catalog, opens: MailOpens? = nil) {
        self.configuration = configuration
        self.templates = templates
        self.catalog = catalog
        self.opens = configuration.mailTracking ? opens : nil
    }

    /// Letters for a tool outside the server (`musubi bench mail`, the digest command): the
    /// templates and catalog of the configuration's theme.
    public init(configuration: WebConfiguration, opens: MailOpens? = nil) throws {
        let resources = ResourceLocator(themeDirectory: configuration.themeDirectory)
        self.init(
            configuration: configuration, templates: try Templates(resources: resources), catalog: try Catalog(resources: resources), opens: opens)
    }

    /// What a mail template reads: the greeting, what happened, where to look, and the
    /// links at the foot.
    struct Body {
        var greeting: String
        var headline: String
        var excerpt: String
        var link: String
        /// When the link stops working, for one-time links.
        var expires: String?
        var unsubscribe: String?
        var settings: String
        var siteName: String
        var t: [String: any Sendable]
    }

    public func mail(_ letter: Letter) -> MailMessage {
        let language = configuration.defaultLanguage
        let siteName = configuration.name(in: language)
        let unsubscribe = letter.unsubscribeToken.map { configuration.absolute(Paths.unsubscribe.href($0)) }
        func text(_ key: String) -> String { catalog.text(key, language) }
        var body = Body(
            greeting: text("mail.greeting").replacingOccurrences(of: "{name}", with: letter.to.name.isEmpty ? letter.to.address : letter.to.name),
            headline: "", excerpt: "", link: "", unsubscribe: unsubscribe, settings: configuration.absolute(Paths.notificationPreferences.href()),
            siteName: siteName, t: catalog.tree(language))
        switch letter.content {
        case .notice(let notice, let actorName):
            body.headline = NoticeText(catalog: catalog, language: language).headline(notice, actorName: actorName)
            body.excerpt = notice.excerpt
            body.link = configuration.absolute(NoticeText.path(notice.target))
        case .invitation(let inviter, let role, let secret, let expiresAt):
            body.greeting = text("mail.greeting_new")
            body.headline = text("mail.invitation").replacingOccurrences(of: "{inviter}", with: inviter)
                .replacingOccurrences(of: "{site}", with: siteName).replacingOccurrences(of: "{role}", with: text("role." + role.rawValue))
            body.link = configuration.absolute(Paths.invitation.href(secret))
            body.expires = expiry(expiresAt, language)
        case .signInLink(let secret, let expiresAt, let selfService):
            body.headline = text(selfService ? "mail.password_reset" : "mail.sign_in_link")
            body.link = configuration.absolute(Paths.invitation.href(secret))
            body.expires = expiry(expiresAt, language)
        case .digest(let digest):
            return mail(
                letter,
                subjectLine: text("digest.subject").replacingOccurrences(of: "{week}", with: configuration.formatDate(digest.until, language)),
                template: "mail-digest", digestBody(digest, body))
        case .event(let event):
            return eventMail(letter, event, body)
        }
        return mail(letter, subjectLine: body.headline, template: "mail-letter", body)
    }

    func mail(_ letter: Letter, subjectLine: String, template: String, _ body: Any, attachments: [MailAttachment] = []) -> MailMessage {
        let siteName = configuration.name(in: configuration.defaultLanguage)
        let subject = "[\(siteName)] \(subjectLine)"
        let rendered = templates.render(template, body) ?? subjectLine
        var counter: String?
        if let opens, let kind = MailOpens.trackedKind(of: letter) {
            counter = configuration.absolute(Paths.mailOpened.href(opens.token(messageKey: letter.messageKey, kind: kind)))
        }
        return MailMessage(
            from: MailAddress(name: siteName, address: configuration.mailFrom), to: [letter.to], subject: subject, text: rendered,
            html: Self.html(rendered, title: subject, counter: counter),
            unsubscribe: letter.unsubscribeToken.map { configuration.absolute(Paths.unsubscribe.href($0)) },
            messageID: letter.messageKey + "@" + configuration.publicHost, date: letter.date, attachments: attachments)
    }

    /// What the digest's template reads: the letter's greeting and foot, and the week's
    /// sections with absolute links.
    struct DigestBody {
        var letter: Body
        var period: String
        var sections: [DigestText.Section]
        var webVersion: String
    }

    private func digestBody(_ digest: WeeklyDigest, _ letter: Body) -> DigestBody {
        let words = DigestText(catalog: catalog, language: configuration.defaultLanguage, configuration: configuration)
        let sections = words.sections(digest).map { section in
            var section = section
            section.entries = section.entries.map { entry in
                var entry = entry
                entry.href = configuration.absolute(entry.href)
                return entry
            }
            return section
        }
        return DigestBody(letter: letter, period: words.period(digest), sections: sections, webVersion: configuration.absolute(Paths.digest.href()))
    }

    private func expiry(_ date: Date, _ language: UILanguage) -> String {
        catalog.text("mail.expires", language).replacingOccurrences(of: "{time}", with: configuration.formatDate(date, language, withTime: true))
    }

    /// The text as HTML: escaped, blank lines between paragraphs, line breaks kept, and every
    /// http(s) address a link.
    static func html(_ text: String, title: String, counter: String? = nil) -> String {
        let paragraphs = Validator.unixLineBreaks(text).components(separatedBy: "\n\n").filter {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        let body = paragraphs.map { paragraph in
            "<p>" + paragraph.split(separator: "\n", omittingEmptySubsequences: false).map { linked(String($0)) }.joined(separator: "<br>\n") + "</p>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(MessageMarkup.escape(title))</title></head>
            <body style="font-family: sans-serif; line-height: 1.6; max-width: 40em">
            \(body)\(counter.map { "\n<img src=\"\(MessageMarkup.escape($0))\" width=\"1\" height=\"1\" alt=\"\">" } ?? "")
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
