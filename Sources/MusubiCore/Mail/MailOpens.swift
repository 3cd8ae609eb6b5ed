import Foundation

/// Which mails of the desk were opened, when the installation counts it
/// (`MUSUBI_MAIL_TRACKING=on`; off by default, as readers may object to an image that
/// reports back). Only bulletins, funding calls and the weekly digest carry the image, never
/// a person's own messages; an open is counted once per mail, by month, with no name.
public struct MailOpens: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// The kind of mail whose opening is counted, for a letter that may carry the image.
    public static func trackedKind(of letter: Letter) -> String? {
        switch letter.content {
        case .notice(let notice, _) where [.bulletin, .fundingCall].contains(notice.kind): notice.kind.rawValue
        case .digest: Digests.outboxKind
        default: nil
        }
    }

    /// The token in the image's address: the mail's key and kind, signed with the
    /// installation's key so that nobody can count opens that did not happen.
    public func token(messageKey: String, kind: String) -> String {
        "\(messageKey).\(kind).\(signature(messageKey, kind))"
    }

    /// Records the mail the token names as opened (once); a token that is not genuine is
    /// not found.
    public func record(_ token: String) async throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty, parts[2] == signature(parts[0], parts[1]) else { throw MusubiError.notFound }
        try await env.persistence.write { [now = env.now()] in try await $0.mailOutbox.recordOpen(messageKey: parts[0], kind: parts[1], at: now) }
    }

    private func signature(_ messageKey: String, _ kind: String) -> String {
        String(env.secrets.digest("mail-open:\(messageKey):\(kind)").prefix(24))
    }
}
