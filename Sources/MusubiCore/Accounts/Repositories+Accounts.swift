import Foundation

public protocol AccountRepository: Sendable {
    func account(email: String) async throws -> Account?
    func account(memberID: Int64) async throws -> Account?
    func setPasswordHash(_ hash: String, for memberID: Int64) async throws

    func insertSession(_ session: Session) async throws
    func session(digest: String) async throws -> (session: Session, account: Account)?
    /// Deletes the session; gives whose it was, if there was one.
    func deleteSession(digest: String) async throws -> Int64?
    func deleteSessions(of memberID: Int64) async throws
    func deleteExpiredSessions(before: Date) async throws

    func insertInvitation(
        digest: String, email: String, role: Role, organizationID: Int64?, memberID: Int64?, invitedBy: Int64, at: Date, expiresAt: Date
    ) async throws -> Invitation
    func invitation(digest: String) async throws -> Invitation?
    func markInvitationAccepted(id: Int64, at: Date) async throws
    func invitation(id: Int64) async throws -> Invitation?
    /// Invitations to join (not links for existing people) not yet accepted, revoked or
    /// expired at `now`, newest first.
    func openInvitations(at now: Date, page: PageRequest) async throws -> Page<Invitation>
    /// A new secret and expiry for an open invitation (its old link stops working).
    func renewInvitation(id: Int64, digest: String, expiresAt: Date) async throws
    func revokeInvitation(id: Int64, at: Date) async throws

    func insertToken(digest: String, memberID: Int64, name: String, prefix: String, at: Date) async throws -> APIToken
    func tokens(of memberID: Int64) async throws -> [APIToken]
    /// Revokes the member's own token; returns false when they have no such live token.
    func revokeToken(id: Int64, of memberID: Int64, at: Date) async throws -> Bool
    /// Revokes every live token of the member; gives how many there were.
    func revokeTokens(of memberID: Int64, at: Date) async throws -> Int
    /// The live token with this digest and the account behind it.
    func tokenHolder(digest: String) async throws -> (tokenID: Int64, account: Account)?
    /// Sets when each token was last used.
    func markTokensUsed(_ uses: [Int64: Date]) async throws
}

/// Password hashing (bcrypt in production, something fast in tests).
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
}

/// Unguessable secrets for cookies, links and tokens, and the digest under which they are stored.
public protocol SecretGenerator: Sendable {
    func newSecret() -> String
    func digest(_ secret: String) -> String
}
