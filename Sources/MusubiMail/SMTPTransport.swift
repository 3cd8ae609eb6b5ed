import Foundation
import MusubiCore
import NIOCore
import NIOPosix

/// Sends each mail over its own SMTP session (RFC 5321): EHLO, AUTH PLAIN or LOGIN when a
/// user is configured, MAIL FROM, RCPT TO for each recipient, DATA with the message
/// (`MIMEMessage`, dot-stuffed), QUIT. A 4xx answer, a refused connection or a timeout may pass
/// (`MailTransportError.temporary`); a 5xx answer will not (`.permanent`), and its text is
/// kept for the admin. TLS (STARTTLS and implicit) is not written yet: such a configuration is
/// refused when the transport is made.
public struct SMTPTransport: MailTransport {
    let configuration: SMTPConfiguration
    let group: any EventLoopGroup
    /// The longest one session may take, connecting included.
    let timeout: Duration

    public enum SetupError: Error, Equatable, CustomStringConvertible {
        case tlsNotSupportedYet

        public var description: String { "SMTP over TLS (starttls=true, smtps://) is not supported yet; use a relay on this machine" }
    }

    public init(
        _ configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: Duration = .seconds(60)
    )
        throws
    {
        guard configuration.security == .none else { throw SetupError.tlsNotSupportedYet }
        self.configuration = configuration
        self.group = group
        self.timeout = timeout
    }

    public func send(_ mail: MailMessage) async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await session(mail) }
                tasks.addTask {
                    try await Task.sleep(for: timeout)
                    throw MailTransportError.temporary("no answer from \(configuration.host):\(configuration.port) within \(timeout)")
                }
                try await tasks.next()
                tasks.cancelAll()
            }
        } catch let error as MailTransportError {
            throw error
        } catch {
            throw MailTransportError.temporary("\(configuration.host):\(configuration.port): \(error)")
        }
    }

    private func session(_ mail: MailMessage) async throws {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            func command(_ line: String, expecting codes: Set<Int>) async throws -> SMTPReply {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                return try await replies.next().expecting(codes)
            }
            _ = try await replies.next().expecting([220])
            let greeting = try await command("EHLO \(configuration.heloName)", expecting: [250])
            if let username = configuration.username {
                try await authenticate(username, configuration.password ?? "", offered: greeting.authMechanisms, command)
            }
            _ = try await command("MAIL FROM:<\(mail.from.address)>", expecting: [250])
            for recipient in mail.to { _ = try await command("RCPT TO:<\(recipient.address)>", expecting: [250, 251]) }
            _ = try await command("DATA", expecting: [354])
            let message = MIMEMessage.render(mail, boundary: "=_musubi_" + UUID().uuidString)
            _ = try await command(Self.dotStuffed(message) + ".", expecting: [250])
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
            _ = try? await replies.next()
        }
    }

    private func authenticate(
        _ username: String, _ password: String, offered: Set<String>, _ command: (String, Set<Int>) async throws -> SMTPReply
    ) async throws {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("PLAIN") {
            _ = try await command("AUTH PLAIN " + base64("\0" + username + "\0" + password), [235])
        } else if offered.contains("LOGIN") {
            _ = try await command("AUTH LOGIN", [334])
            _ = try await command(base64(username), [334])
            _ = try await command(base64(password), [235])
        } else {
            throw MailTransportError.permanent("the server offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    /// The message as DATA carries it: a line that starts with a dot gets another (RFC 5321
    /// 4.5.2), and it ends in CRLF.
    static func dotStuffed(_ message: String) -> String {
        let lines = message.components(separatedBy: "\r\n")
        var body = lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
        if !body.hasSuffix("\r\n") { body += "\r\n" }
        return body
    }
}
