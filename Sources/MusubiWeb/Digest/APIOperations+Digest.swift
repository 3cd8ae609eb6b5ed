import Hummingbird
import MusubiCore

extension APIHandlers {
    /// The weekly digest's contents, as its mail and web page show them.
    var digestOperations: [APIOperation] {
        [
            .init(
                method: .get, path: .init("/api/v1/me/digest"), id: "getDigest",
                summary: "One's last seven days as the weekly digest tells them: bulletins, funding calls, suggestions, what waits unread",
                access: .signedIn, responseSchema: "Digest", handler: digest)
        ]
    }
}
