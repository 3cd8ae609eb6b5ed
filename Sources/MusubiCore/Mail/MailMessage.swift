import Foundation

/// A person's address as a mail shows it: `西村 健 <coord@example.jp>`.
public struct MailAddress: Sendable, Equatable, Codable {
    public var name: String
    public var address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// Whether the address can stand in a header as it is: one `@`, no spaces, no line
    /// breaks or angle brackets (nothing that could end the header or add another).
    public var isUsable: Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && address.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains(scalar)
            }
    }
}

/// A file that travels with a mail: a ticket's QR code, an event's `.ics`.
public struct MailAttachment: Sendable, Equatable, Codable {
    /// ASCII, as mail programs show it: `ticket.png`.
    public var filename: String
    /// `image/png`, `text/calendar; charset=UTF-8; method=PUBLISH`.
    public var contentType: String
    public var data: Data

    public init(filename: String, contentType: String, data: Data) {
        (self.filename, self.contentType, self.data) = (filename, contentType, data)
    }
}

/// One mail as Musubi sends it: to one or more people, a subject, a plain-text body and the
/// same as HTML, files that travel with it, and the one-click address that stops this kind
/// of mail.
public struct MailMessage: Sendable, Equatable, Codable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String?
    /// `List-Unsubscribe`: an https address that stops this kind of mail without signing in.
    public var unsubscribe: String?
    /// Without the angle brackets: `20261206.8f3a…@musubi.example.jp`.
    public var messageID: String
    public var date: Date
    public var attachments: [MailAttachment]

    public init(
        from: MailAddress, to: [MailAddress], subject: String, text: String, html: String? = nil, unsubscribe: String? = nil,
        messageID: String, date: Date, attachments: [MailAttachment] = []
    ) {
        self.attachments = attachments
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.unsubscribe = unsubscribe
        self.messageID = messageID
        self.date = date
    }
}
