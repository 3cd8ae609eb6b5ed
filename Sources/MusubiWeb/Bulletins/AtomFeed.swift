import Foundation
import Hummingbird
import MusubiCore

/// Public bulletins and funding calls as Atom (RFC 4287), for feed readers: each entry's
/// `updated` is when it was last changed, the feed's the newest of those; text is escaped
/// for XML, and characters XML 1.0 cannot carry are left out.
struct AtomFeed {
    let site: Site

    func document(_ bulletins: [Bulletin], title: String, selfPath: String, alternatePath: String, language: UILanguage) -> String {
        let configuration = site.configuration
        let updated = bulletins.map(\.updatedAt).max() ?? Date(timeIntervalSince1970: 0)
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(language.rawValue)">"#,
            "<title>\(Self.escaped(title))</title>",
            "<id>\(Self.escaped(configuration.absolute(selfPath)))</id>",
            #"<link rel="self" type="application/atom+xml" href="\#(Self.escaped(configuration.absolute(selfPath)))"/>"#,
            #"<link rel="alternate" type="text/html" href="\#(Self.escaped(configuration.absolute(alternatePath)))"/>"#,
            "<updated>\(Self.time(updated))</updated>",
            "<author><name>\(Self.escaped(configuration.name(in: language)))</name></author>",
        ]
        for bulletin in bulletins {
            let href = configuration.absolute(Paths.bulletin.href(bulletin.id))
            let kind = site.catalog.text("bulletin_kind." + bulletin.kind.rawValue, language)
            var summary = bulletin.excerpt
            if let deadline = bulletin.funding?.deadline {
                summary =
                    site.catalog.text("bulletins.deadline", language) + ": " + configuration.formatDate(deadline, language, withTime: true) + " "
                    + summary
            }
            lines += [
                "<entry>",
                "<title>\(Self.escaped(bulletin.title))</title>",
                "<id>\(Self.escaped(href))</id>",
                #"<link rel="alternate" type="text/html" href="\#(Self.escaped(href))"/>"#,
                "<published>\(Self.time(bulletin.publishAt))</published>",
                "<updated>\(Self.time(bulletin.updatedAt))</updated>",
                #"<category term="\#(bulletin.kind.rawValue)" label="\#(Self.escaped(kind))"/>"#,
                #"<summary type="text">\#(Self.escaped(summary))</summary>"#,
                #"<content type="html">\#(Self.escaped(MessageMarkup(names: [:]).html(bulletin.body)))</content>"#,
                "</entry>",
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 3339 in UTC.
    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }

    /// Text for XML: the five escapes, and no character XML 1.0 forbids.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0xFFFE...0xFFFF).contains(value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension BulletinHandlers {
    func bulletinsFeed(_ request: Request, _ context: Context) async throws -> Response {
        try await feed(fundingCalls: false, context)
    }

    func fundingCallsFeed(_ request: Request, _ context: Context) async throws -> Response {
        try await feed(fundingCalls: true, context)
    }

    private func feed(fundingCalls: Bool, _ context: Context) async throws -> Response {
        let language = site.configuration.defaultLanguage
        let bulletins = try await site.bulletins.publicFeed(fundingCalls: fundingCalls)
        let title =
            site.configuration.name(in: language) + " " + site.catalog.text(fundingCalls ? "bulletins.funding_calls" : "bulletins.title", language)
        let xml = AtomFeed(site: site).document(
            bulletins, title: title, selfPath: (fundingCalls ? Paths.fundingCallsFeed : Paths.bulletinsFeed).href(),
            alternatePath: (fundingCalls ? Paths.fundingCalls : Paths.bulletins).href(), language: language)
        return Response(
            status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8", .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}
