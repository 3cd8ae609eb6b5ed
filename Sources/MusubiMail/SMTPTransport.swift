import Foundation
import MusubiCore
import NIOCore
import NIOPosix
import NIOSSL

/// Sends each mail over its own SMTP session (RFC 5321): EHLO, AUTH PLAIN or LOGIN when a
/// user is configured, MAIL FROM, RCPT TO for each recipient, DATA with the message
/// (`MIMEMessage`, dot-stuffed), QUIT. A 4xx answer, a refused connection or a timeout may pass
/// (`MailTransportError.temporary`); a 5xx answer will not (`.permanent`), and its text is
/// kept for the admin. With `startTLS` the session turns to TLS after the first EHLO and
/// says EHLO again; with `implicitTLS` it is TLS from the first byte (port 465). Either way the
/// server's certificate is checked against the host name, and a server that offers no
/// STARTTLS when it is asked for gets nothing, least of all a password.
public struct SMTPTransport: MailTransport {
    let configuration: SMTPConfiguration
    let group: any EventLoopGroup
    /// The longest one session may take, connecting included.
    let timeout: Duration
    let tls: NIOSSLContext?

    /// `tls` says which certificates to trust (the system's by default).
    public init(
        _ configuration: SMTPConfiguration, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: Duration = .seconds(60),
        tls: TLSConfiguration = .makeClientConfiguration()
    ) throws {
        self.configuration = configuration
        self.group = group
        self.timeout = timeout
        self.tls = configuration.security == .none ? nil : try NIOSSLContext(configuration: tls)
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
        let implicitTLS = configuration.security == .implicitTLS ? tls : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: configuration.host, port: configuration.port) { [configuration] channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: implicitTLS, serverHostname: configuration.tlsName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            func command(_ line: String, expecting codes: Set<Int>) async throws -> SMTPReply {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                return try await replies.next().expecting(codes)
            }
            _ = try await replies.next().expecting([220])
            var greeting = try await command("EHLO \(configuration.heloName)", expecting: [250])
            if configuration.security == .startTLS, let tls {
                guard greeting.offers("STARTTLS") else {
                    throw MailTransportError.permanent("the server does not offer STARTTLS, and nothing is sent to it in the clear")
                }
                _ = try await command("STARTTLS", expecting: [220])
                try await Self.startTLS(on: channel.channel, tls, serverHostname: configuration.tlsName)
                greeting = try await command("EHLO \(configuration.heloName)", expecting: [250])
            }
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

    /// Puts TLS in front of the session's handlers; the handshake starts at once, and what is
    /// written from here on is encrypted (RFC 3207).
    private static func startTLS(on channel: any Channel, _ tls: NIOSSLContext, serverHostname: String?) async throws {
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname), position: .first)
        }.get()
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
