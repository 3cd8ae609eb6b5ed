import Foundation

/// A mail written out as its bytes are sent (RFC 5322 with MIME), right for Japanese readers:
/// a subject and display names that are not plain ASCII as RFC 2047 encoded words
/// (`=?UTF-8?B?…?=`, 60 characters each and never splitting a character), header
/// lines folded before 78 characters, UTF-8 bodies in base64 (lines of 76), a plain-text part
/// and an HTML part as `multipart/alternative`, files after them in `multipart/mixed`, and
/// CRLF line ends throughout. A line break in a subject or a name becomes a space: no text
/// can end a header and start another.
public enum MIMEMessage {
    /// The mail's bytes; `boundary` separates its parts (random per mail).
    public static func render(_ mail: MailMessage, boundary: String) -> String {
        var headers: [String] = [
            header("From", mailbox(mail.from)),
            header("To", mail.to.map(mailbox).joined(separator: ", ")),
            header("Subject", encodedWords(mail.subject)),
            "Date: " + date(mail.date),
            "Message-ID: <" + mail.messageID + ">",
            "MIME-Version: 1.0",
        ]
        if let unsubscribe = mail.unsubscribe {
            headers.append(header("List-Unsubscribe", "<" + unsubscribe + ">"))
            headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        var lines = headers
        if mail.attachments.isEmpty {
            lines += body(mail, boundary: boundary)
        } else {
            let mixed = "m" + boundary // neither boundary begins the other
            lines += ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "", "--" + mixed]
            lines += body(mail, boundary: boundary)
            for attachment in mail.attachments {
                lines.append("--" + mixed)
                lines += [
                    "Content-Type: \(attachment.contentType); name=\"\(attachment.filename)\"",
                    "Content-Disposition: attachment; filename=\"\(attachment.filename)\"", "Content-Transfer-Encoding: base64", "",
                ]
                lines += base64Lines(attachment.data)
            }
            lines.append("--" + mixed + "--")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The text, or the text and its HTML as `multipart/alternative`, with their headers.
    private static func body(_ mail: MailMessage, boundary: String) -> [String] {
        guard let html = mail.html else { return part("text/plain", mail.text) }
        var lines = ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", ""]
        for (type, body) in [("text/plain", mail.text), ("text/html", html)] {
            lines.append("--" + boundary)
            lines += part(type, body)
        }
        lines.append("--" + boundary + "--")
        return lines
    }

    /// A part's headers, a blank line and its body in base64, 76 characters a line.
    private static func part(_ type: String, _ body: String) -> [String] {
        let normalised = Validator.unixLineBreaks(body).replacingOccurrences(of: "\n", with: "\r\n")
        return ["Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: base64", ""] + base64Lines(Data(normalised.utf8))
    }

    private static func base64Lines(_ data: Data) -> [String] {
        var lines: [String] = []
        var rest = data.base64EncodedString()[...]
        while !rest.isEmpty {
            lines.append(String(rest.prefix(76)))
            rest = rest.dropFirst(76)
        }
        return lines
    }

    /// `西村 健 <coord@example.jp>`, the name in encoded words when it is not plain ASCII, in
    /// quotes when it holds a character with a meaning in addresses.
    static func mailbox(_ address: MailAddress) -> String {
        let name = singleLine(address.name)
        guard !name.isEmpty else { return "<" + address.address + ">" }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        let shown: String
        if !plain || name.contains("=?") {
            shown = encodedWords(name)
        } else if name.unicodeScalars.contains(where: { "()<>[]:;@\\,.\"".unicodeScalars.contains($0) }) {
            shown = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        } else {
            shown = name
        }
        return shown + " <" + address.address + ">"
    }

    /// The text as it may stand in a header: as it is when it is short plain ASCII, otherwise
    /// as encoded words of whole characters, separated by spaces so that they can be folded.
    static func encodedWords(_ text: String) -> String {
        let line = singleLine(text)
        let plain = line.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        if plain && !line.contains("=?") && !line.split(separator: " ").contains(where: { $0.count > 70 }) { return line }
        // 36 bytes make 48 characters of base64, 60 with `=?UTF-8?B?` and `?=`: within the 75
        // an encoded word may have, and short enough that `Subject: ` and one word stay within
        // the 76 a line with encoded words may have.
        let limit = 36
        var words: [String] = []
        var chunk = Data()
        for character in line {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > limit, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=") }
        return words.joined(separator: " ")
    }

    /// `Name: value`, folded at spaces (CRLF and a space) so that no line passes 78 characters
    /// where a space allows it.
    static func header(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var current = name + ":"
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            if current.count + 1 + word.count > 78, current != name + ":" {
                lines.append(current)
                current = ""
            }
            current += " " + word
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// `Mon, 07 Dec 2026 09:30:00 +0000`.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "\(days[parts.weekday! - 1]), \(two(parts.day!)) \(months[parts.month! - 1]) \(parts.year!) "
            + "\(two(parts.hour!)):\(two(parts.minute!)):\(two(parts.second!)) +0000"
    }

    /// Line breaks and other control characters become spaces.
    private static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
            .trimmingCharacters(in: .whitespaces)
    }
}
