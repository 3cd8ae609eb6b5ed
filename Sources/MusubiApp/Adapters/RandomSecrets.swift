import Crypto
import Foundation
import MusubiCore

/// 256-bit random secrets, URL-safe. They are stored as HMAC-SHA256 digests under the
/// installation's key, so a copy of the database alone lets nobody forge a session.
public struct RandomSecrets: SecretGenerator {
    private let key: SymmetricKey

    public init(key: String) {
        self.key = SymmetricKey(data: Data(key.utf8))
    }

    public func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public func digest(_ secret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}
