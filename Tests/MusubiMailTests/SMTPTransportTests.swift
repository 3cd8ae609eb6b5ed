import Foundation
import MusubiCore
import MusubiTestSupport
import NIOSSL
import Testing

@testable import MusubiMail

/// The SMTP client against a real SMTP server (Python's aiosmtpd from PyPI, started here):
/// what arrives is what a mail program reads, a password is asked for and checked, a 4xx
/// answer is one to try again and a 5xx one to give up on, TLS is spoken where it is asked for.
@Suite(.serialized) struct SMTPTransportTests {
    /// How the test server is reached.
    enum Mode: String {
        /// No password, no TLS.
        case open
        /// `musubi`/`secret` is the only login it takes, over plain text (it is on this machine).
        case auth
        /// STARTTLS offered, and a login taken only after it.
        case startTLS
        /// TLS from the first byte, and a login required.
        case implicitTLS
    }

    /// aiosmtpd on a free loopback port, keeping what it receives in `folder` as JSON, one
    /// file a mail. `busy@…` is answered 451, `nobody@…` 550. With TLS, its certificate is
    /// made here for `localhost` and 127.0.0.1 and signed by itself (`certificate`).
    final class Server {
        let process = Process()
        let folder = TestFolders.new("smtp")
        let port: Int
        var certificate: URL { folder.appendingPathComponent("cert.pem") }

        init(_ mode: Mode) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if mode == .startTLS || mode == .implicitTLS { try Self.makeCertificate(in: folder) }
            let script = """
                import asyncio, json, os, socket, ssl, sys, time
                from aiosmtpd.controller import Controller
                from aiosmtpd.smtp import AuthResult, LoginPassword
                folder, mode = sys.argv[1], sys.argv[2]
                class Handler:
                    async def handle_RCPT(self, server, session, envelope, address, options):
                        if address.startswith("busy@"): return "451 4.3.0 try again later"
                        if address.startswith("nobody@"): return "550 5.1.1 no such user"
                        envelope.rcpt_tos.append(address)
                        return "250 OK"
                    async def handle_DATA(self, server, session, envelope):
                        name = os.path.join(folder, "%d.json" % time.time_ns())
                        login = session.auth_data.decode() if isinstance(session.auth_data, bytes) else None
                        with open(name, "w") as f:
                            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "login": login,
                                       "content": envelope.original_content.decode("ascii")}, f)
                        return "250 Message accepted"
                def check(server, session, envelope, mechanism, data):
                    ok = isinstance(data, LoginPassword) and data.login == b"musubi" and data.password == b"secret"
                    return AuthResult(success=ok, auth_data=data.login if ok else None)
                s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
                kwargs = {}
                if mode != "open": kwargs = dict(authenticator=check, auth_required=True, auth_require_tls=mode == "startTLS")
                if mode in ("startTLS", "implicitTLS"):
                    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                    context.load_cert_chain(os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem"))
                    kwargs["tls_context" if mode == "startTLS" else "ssl_context"] = context
                    if mode == "startTLS": kwargs["require_starttls"] = True
                controller = Controller(Handler(), hostname="127.0.0.1", port=port, **kwargs)
                controller.start()
                with open(os.path.join(folder, "port.part"), "w") as f: f.write(str(port))
                os.rename(os.path.join(folder, "port.part"), os.path.join(folder, "port"))
                # Ends when the test leaves a file named "stop", or after ten minutes.
                for _ in range(6000):
                    if os.path.exists(os.path.join(folder, "stop")): break
                    time.sleep(0.1)
                os._exit(0)
                """
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, folder.path, mode.rawValue]
            // No pipes: an end of one could be inherited by another child process started
            // beside this one, and a wait for its end-of-file would never end. The server
            // says its port in a file, and ends when it finds a file named "stop".
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let portFile = folder.appendingPathComponent("port")
            var port: Int?
            for _ in 0..<300 where port == nil {
                port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
                if port == nil {
                    guard process.isRunning else { break }
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
            guard let port else {
                try? Data().write(to: folder.appendingPathComponent("stop"))
                throw ServerError.notStarted("aiosmtpd did not start (python3 -m pip install aiosmtpd)")
            }
            self.port = port
        }

        enum ServerError: Error { case notStarted(String) }

        /// A key and a certificate that signs itself, with openssl (installed by `.ci/run`).
        static func makeCertificate(in folder: URL) throws {
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            openssl.arguments = [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", folder.appendingPathComponent("key.pem").path, "-out", folder.appendingPathComponent("cert.pem").path,
            ]
            (openssl.standardInput, openssl.standardOutput, openssl.standardError) = (
                FileHandle.nullDevice, FileHandle.nullDevice, FileHandle.nullDevice
            )
            try openssl.run()
            openssl.waitUntilExit()
            guard openssl.terminationStatus == 0 else { throw ServerError.notStarted("openssl could not make a certificate") }
        }

        /// A client that trusts this server's certificate alone.
        func trustingClient() throws -> TLSConfiguration {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate.path))
            return tls
        }

        /// What arrived, oldest first.
        func received() throws -> [[String: Any]] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().map {
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent($0))) as? [String: Any] ?? [:]
            }
        }

        deinit {
            try? Data().write(to: folder.appendingPathComponent("stop"))
            process.waitUntilExit()
        }
    }

    static func mail(to address: String) -> MailMessage {
        MailMessage(
            from: MailAddress(name: "テスト結び", address: "noreply@example.jp"), to: [MailAddress(name: "松本 恭平", address: address)],
            subject: "【お知らせ】水素の公募が始まりました", text: "松本 恭平 様\n.\n本文の行です。", html: "<p>本文</p>",
            messageID: "smtp-test@example.jp", date: Date(timeIntervalSince1970: 1_796_601_600))
    }

    @Test func aMailArrivesAsSentWithAPassword() async throws {
        let server = try Server(.auth)
        let transport = try SMTPTransport(
            SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .none, username: "musubi", password: "secret"))
        try await transport.send(Self.mail(to: "member@example.jp"))
        let received = try server.received()
        #expect(received.count == 1)
        let arrived = try #require(received.first)
        #expect(arrived["from"] as? String == "noreply@example.jp" && arrived["to"] as? [String] == ["member@example.jp"])
        #expect(arrived["login"] as? String == "musubi")
        let content = try #require(arrived["content"] as? String)
        #expect(content.contains("Subject: =?UTF-8?B?") && content.contains("Message-ID: <smtp-test@example.jp>"))

        // A wrong password: aiosmtpd holds its answer back, and the client gives up at its
        // timeout, as it would with any server that stops answering.
        let wrong = try SMTPTransport(
            SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .none, username: "musubi", password: "nope"), timeout: .seconds(3))
        await #expect(throws: MailTransportError.self) { try await wrong.send(Self.mail(to: "member@example.jp")) }
        #expect(try server.received().count == 1, "nothing more arrived")
    }

    @Test func aPassingFailureIsTemporaryAndARefusalPermanent() async throws {
        let server = try Server(.open)
        let transport = try SMTPTransport(SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .none))
        await #expect(throws: MailTransportError.temporary("451 4.3.0 try again later")) {
            try await transport.send(Self.mail(to: "busy@example.jp"))
        }
        await #expect(throws: MailTransportError.permanent("550 5.1.1 no such user")) { try await transport.send(Self.mail(to: "nobody@example.jp")) }
        #expect(try server.received().isEmpty)
        try await transport.send(Self.mail(to: "member@example.jp"))
        #expect(try server.received().count == 1)

        // Nobody listening: a failure that may pass.
        let nowhere = try SMTPTransport(SMTPConfiguration(host: "127.0.0.1", port: 1, security: .none))
        await #expect(throws: MailTransportError.self) { try await nowhere.send(Self.mail(to: "member@example.jp")) }
    }

    @Test(arguments: [("localhost", Mode.startTLS), ("127.0.0.1", Mode.implicitTLS)])
    func aPasswordTravelsOnlyOverTLS(host: String, mode: Mode) async throws {
        let server = try Server(mode)
        let security: SMTPConfiguration.Security = mode == .startTLS ? .startTLS : .implicitTLS
        let configuration = SMTPConfiguration(host: host, port: server.port, security: security, username: "musubi", password: "secret")
        try await SMTPTransport(configuration, tls: server.trustingClient()).send(Self.mail(to: "member@example.jp"))
        let arrived = try #require(try server.received().first)
        #expect(arrived["login"] as? String == "musubi")
        #expect((arrived["content"] as? String)?.contains("Subject: =?UTF-8?B?") == true)

        // A certificate nobody vouches for is not trusted: nothing is sent.
        let untrusting = try SMTPTransport(configuration, timeout: .seconds(10))
        await #expect(throws: MailTransportError.self) { try await untrusting.send(Self.mail(to: "member@example.jp")) }
        #expect(try server.received().count == 1)
    }

    @Test func aServerWithoutSTARTTLSIsToldNothing() async throws {
        let server = try Server(.auth)
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .startTLS, username: "musubi", password: "secret")
        await #expect(throws: MailTransportError.permanent("the server does not offer STARTTLS, and nothing is sent to it in the clear")) {
            try await SMTPTransport(configuration).send(Self.mail(to: "member@example.jp"))
        }
        #expect(try server.received().isEmpty)
    }

    @Test func aLineStartingWithADotIsStuffed() {
        #expect(SMTPTransport.dotStuffed("a\r\n.\r\n..b\r\nc") == "a\r\n..\r\n...b\r\nc\r\n")
    }

    @Test func theURLSaysWhereAndHowAndAPasswordNeverTravelsInTheClear() throws {
        #expect(
            try SMTPConfiguration.parse("smtp://user:p%40ss@mail.example.jp:587?starttls=true")
                == SMTPConfiguration(host: "mail.example.jp", port: 587, security: .startTLS, username: "user", password: "p@ss"))
        #expect(try SMTPConfiguration.parse("smtps://mail.example.jp").port == 465)
        #expect(try SMTPConfiguration.parse("smtp://127.0.0.1").security == .none)
        #expect(throws: SMTPConfiguration.ParseError.self) { try SMTPConfiguration.parse("smtp://user:pass@mail.example.jp:25") }
        #expect(throws: SMTPConfiguration.ParseError.self) { try SMTPConfiguration.parse("http://mail.example.jp") }
        #expect(throws: SMTPConfiguration.ParseError.self) { try SMTPConfiguration.parse("smtp://mail.example.jp?tls=yes") }
    }
}
