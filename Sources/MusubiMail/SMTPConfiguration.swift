import Foundation

/// Where the outbox's mail goes by SMTP, from `MUSUBI_SMTP_URL`:
/// `smtp://user:password@host:587?starttls=true`, `smtps://…@host:465` (TLS from the start),
/// or `smtp://host:25` (no TLS, no password: a relay on the same machine or network).
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: Sendable, Equatable {
        case none, startTLS, implicitTLS
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name this side gives in EHLO.
    public var heloName: String

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, heloName: String = "musubi") {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case unsupported(String)

        public var description: String {
            switch self {
            case .unsupported(let why): "Unsupported SMTP URL: \(why)"
            }
        }
    }

    public static func parse(_ text: String) throws -> SMTPConfiguration {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme) else {
            throw ParseError.unsupported("it must start with smtp:// or smtps://")
        }
        guard let host = url.host, !host.isEmpty else { throw ParseError.unsupported("it names no host") }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        if let unknown = query.keys.first(where: { $0 != "starttls" }) { throw ParseError.unsupported("it takes only ?starttls=, not \(unknown)") }
        let security: Security
        if scheme == "smtps" {
            security = .implicitTLS
        } else {
            switch query["starttls"] ?? "false" {
            case "true": security = .startTLS
            case "false": security = .none
            default: throw ParseError.unsupported("starttls must be true or false")
            }
        }
        var configuration = SMTPConfiguration(host: host, port: url.port ?? (scheme == "smtps" ? 465 : 25), security: security)
        configuration.username = url.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        configuration.password = url.password?.removingPercentEncoding
        if configuration.username != nil, security == .none, !configuration.isLoopback {
            throw ParseError.unsupported("a password is sent only over TLS (starttls=true or smtps://), or to a server on this machine")
        }
        return configuration
    }

    /// The name the server's certificate must carry: the host, unless it is an IP address
    /// (which TLS's server name indication cannot carry; the certificate is still checked).
    var tlsName: String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }

    /// A server on this machine: the only place a password may go without TLS.
    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) }
}
