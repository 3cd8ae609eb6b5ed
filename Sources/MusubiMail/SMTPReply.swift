import MusubiCore
import NIOCore

/// A server's answer: its code and its lines' text (`250-SIZE`, `250 AUTH PLAIN LOGIN`).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// The answer when its code is one of `codes`; otherwise the error it stands for: 4xx may
    /// pass, anything else will not.
    func expecting(_ codes: Set<Int>) throws -> SMTPReply {
        guard !codes.contains(code) else { return self }
        let text = "\(code) " + lines.joined(separator: " ")
        throw (400..<500).contains(code) ? MailTransportError.temporary(text) : MailTransportError.permanent(text)
    }

    /// Whether an EHLO answer offers an extension (`STARTTLS`).
    func offers(_ keyword: String) -> Bool {
        lines.contains { $0.uppercased().split(separator: " ").first.map(String.init) == keyword }
    }

    /// The mechanisms an EHLO answer offers (`AUTH PLAIN LOGIN`).
    var authMechanisms: Set<String> {
        for line in lines {
            let words = line.uppercased().split(separator: " ")
            if words.first == "AUTH" { return Set(words.dropFirst().map(String.init)) }
        }
        return []
    }
}

/// Reads replies from the server's bytes: lines end in CRLF; a reply's lines are `code-text`
/// and its last is `code text`.
struct SMTPReplyReader {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    init(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.inbound = inbound
    }

    /// The longest reply read: anything longer is not an SMTP server.
    static let limit = 64 * 1024

    mutating func next() async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            let code = Int(line.prefix(3))
            guard let code, line.count >= 3 else { throw MailTransportError.temporary("not an SMTP answer: \(line.prefix(80))") }
            let separator = line.dropFirst(3).first
            lines.append(String(line.dropFirst(4)))
            if separator != "-" { return SMTPReply(code: code, lines: lines) }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                return line
            }
            guard pending.utf8.count < Self.limit, let buffer = try await inbound.next() else {
                throw MailTransportError.temporary("the server closed the connection")
            }
            pending += String(buffer: buffer)
        }
    }
}
