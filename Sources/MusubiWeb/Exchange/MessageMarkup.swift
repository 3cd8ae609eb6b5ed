import Foundation
import MusubiCore

/// Turns a stored message into HTML with a small, safe subset of Markdown: ``` code blocks,
/// `code`, *bold* (or **bold**), _italic_, ~strike~, > quotes, [text](https://…) and bare
/// links, and mentions. Every character of the author's text is escaped first; the only
/// tags on the page are the ones written here, and links only ever go to http(s).
/// Emphasis needs no spaces around it (Japanese has none), only no ASCII letter or digit.
struct MessageMarkup {
    var names: [Int64: String]
    var channelNames: [Int64: String]
    /// Where a mention leads; nil for a reader who may not open people's pages (a guest),
    /// who sees the name without a link.
    var memberHref: (Int64) -> String?
    var channelHref: (Int64) -> String

    /// Mentions and channel references link to the site's own pages (mentions only for
    /// readers who may see people).
    init(names: [Int64: String], channelNames: [Int64: String] = [:], linksPeople: Bool = true) {
        self.init(
            names: names, channelNames: channelNames, memberHref: { linksPeople ? Paths.member.href($0) : nil },
            channelHref: { Paths.channel.href($0) })
    }

    init(
        names: [Int64: String], channelNames: [Int64: String], memberHref: @escaping (Int64) -> String?, channelHref: @escaping (Int64) -> String
    ) {
        (self.names, self.channelNames, self.memberHref, self.channelHref) = (names, channelNames, memberHref, channelHref)
    }

    func html(_ body: String) -> String {
        var output = ""
        // What was stored before line breaks were kept as `\n` may hold `\r\n`.
        for (index, segment) in Validator.unixLineBreaks(body).components(separatedBy: "```").enumerated() {
            if index % 2 == 1 {
                let code = segment.hasPrefix("\n") ? String(segment.dropFirst()) : segment
                output += "<pre><code>" + Self.escape(code) + "</code></pre>"
            } else {
                output += blocks(segment)
            }
        }
        return output
    }

    /// Lines, with runs of lines that start with `>` as quotes.
    private func blocks(_ text: String) -> String {
        var output: [String] = []
        var quote: [String] = []
        func flushQuote() {
            if !quote.isEmpty { output.append("<blockquote>" + quote.joined(separator: "<br>") + "</blockquote>") }
            quote = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(">") {
                quote.append(inline(String(line.dropFirst().drop { $0 == " " })))
            } else {
                flushQuote()
                output.append(inline(String(line)))
            }
        }
        flushQuote()
        return output.joined(separator: "<br>").replacingOccurrences(of: "</blockquote><br>", with: "</blockquote>")
    }

    /// `code` spans kept as they are; the rest with references, links and emphasis.
    private func inline(_ line: String) -> String {
        var output = ""
        let parts = line.components(separatedBy: "`")
        for (index, part) in parts.enumerated() {
            if index % 2 == 1 && index < parts.count - 1 {
                output += "<code>" + Self.escape(part) + "</code>"
            } else {
                output += (index % 2 == 1 ? "`" : "") + references(part)
            }
        }
        return output
    }

    private func references(_ text: String) -> String {
        MessageText.tokens(in: text).map { token in
            switch token {
            case .text(let run):
                return links(run)
            case .person(let id):
                guard let name = names[id] else { return "@" + Self.escape("?") }
                guard let href = memberHref(id) else { return "<span class=\"mention\">@" + Self.escape(name) + "</span>" }
                return "<a class=\"mention\" href=\"\(href)\">@" + Self.escape(name) + "</a>"
            case .everyone:
                return "<span class=\"mention everyone\">@channel</span>"
            case .channel(let id):
                guard let name = channelNames[id] else { return "#" + String(id) }
                return "<a class=\"channel-ref\" href=\"\(channelHref(id))\">#" + Self.escape(name) + "</a>"
            }
        }.joined()
    }

    /// `[text](url)` and bare http(s) links; emphasis in what lies between.
    private func links(_ text: String) -> String {
        let ns = text as NSString
        var output = ""
        var cursor = 0
        for match in Self.linkPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            output += emphasis(ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor)))
            var label: String
            var url: String
            var trailing = ""
            if match.range(at: 2).location != NSNotFound {
                label = ns.substring(with: match.range(at: 1))
                url = ns.substring(with: match.range(at: 2))
            } else if match.range(at: 3).location != NSNotFound {
                url = ns.substring(with: match.range(at: 3))
                label = match.range(at: 4).location != NSNotFound ? ns.substring(with: match.range(at: 4)) : url
            } else {
                url = ns.substring(with: match.range)
                while let last = url.last, ".,;:!?)]}、。）」".contains(last) {
                    trailing = String(last) + trailing
                    url.removeLast()
                }
                label = url
            }
            output +=
                "<a href=\"" + Self.escape(url) + "\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">" + Self.escape(label) + "</a>"
                + Self.escape(trailing)
            cursor = match.range.location + match.range.length
        }
        return output + emphasis(ns.substring(from: cursor))
    }

    private func emphasis(_ text: String) -> String {
        var html = Self.escape(text)
        for (pattern, tag) in Self.emphasisPatterns {
            let ns = html as NSString
            html = pattern.stringByReplacingMatches(in: html, range: NSRange(location: 0, length: ns.length), withTemplate: "<\(tag)>$1</\(tag)>")
        }
        return html
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// `[label](url)`, Slack's `<url|label>` and `<url>` as people paste them, and bare links.
    private static let linkPattern = try! NSRegularExpression(
        pattern:
            #"\[([^\]\n]{1,200})\]\((https?://[^\s()<>"]{1,2000})\)|<(https?://[^\s<>|"]{1,2000})(?:\|([^<>\n]{1,200}))?>|https?://[^\s<>"'`]{1,2000}"#
    )
    private static let emphasisPatterns: [(NSRegularExpression, String)] = [
        (try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9*])\*\*?([^*\n]+?)\*\*?(?![A-Za-z0-9*])"#), "strong"),
        (try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9_])_([^_\n]+?)_(?![A-Za-z0-9_])"#), "em"),
        (try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9~])~([^~\n]+?)~(?![A-Za-z0-9~])"#), "del"),
    ]
}
