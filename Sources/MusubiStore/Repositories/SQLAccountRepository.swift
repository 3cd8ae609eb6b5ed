import Foundation
import MusubiCore
import SQLKit

struct SQLAccountRepository: AccountRepository {
    let db: any SQLDatabase

    func account(email: String) async throws -> Account? {
        try await db.raw("SELECT id, email, password_hash, role, status FROM members WHERE email = \(bind: email)").first().map(Self.account)
    }

    func account(memberID: Int64) async throws -> Account? {
        try await db.raw("SELECT id, email, password_hash, role, status FROM members WHERE id = \(bind: memberID)").first().map(Self.account)
    }

    func setPasswordHash(_ hash: String, for memberID: Int64) async throws {
        try await db.raw("UPDATE members SET password_hash = \(bind: hash) WHERE id = \(bind: memberID)").run()
    }

    func insertSession(_ session: Session) async throws {
        try await db.raw(
            """
            INSERT INTO sessions (digest, member_id, csrf_token, created_at, expires_at)
            VALUES (\(bind: session.digest), \(bind: session.memberID), \(bind: session.csrfToken),
                    \(bind: session.createdAt.epochMilliseconds), \(bind: session.expiresAt.epochMilliseconds))
            """
        ).run()
        // Kept after the session is swept: the dashboard counts who signed in each month.
        try await db.raw("INSERT INTO sign_ins (member_id, at) VALUES (\(bind: session.memberID), \(bind: session.createdAt.epochMilliseconds))")
            .run()
    }

    func session(digest: String) async throws -> (session: Session, account: Account)? {
        guard
            let row = try await db.raw(
                """
                SELECT s.digest, s.member_id, s.csrf_token, s.created_at, s.expires_at,
                       m.id, m.email, m.password_hash, m.role, m.status
                FROM sessions s JOIN members m ON m.id = s.member_id WHERE s.digest = \(bind: digest)
                """
            ).first()
        else { return nil }
        let session = Session(
            digest: try row.string("digest"), memberID: try row.int64("member_id"), csrfToken: try row.string("csrf_token"),
            createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at")
        )
        return (session, try Self.account(row))
    }

    func deleteSession(digest: String) async throws -> Int64? {
        try await db.raw("DELETE FROM sessions WHERE digest = \(bind: digest) RETURNING member_id").first().map { try $0.int64("member_id") }
    }

    func deleteSessions(of memberID: Int64) async throws {
        try await db.raw("DELETE FROM sessions WHERE member_id = \(bind: memberID)").run()
    }

    func deleteExpiredSessions(before: Date) async throws {
        try await db.raw("DELETE FROM sessions WHERE expires_at < \(bind: before.epochMilliseconds)").run()
    }

    func insertInvitation(
        digest: String, email: String, role: Role, organizationID: Int64?, memberID: Int64?, invitedBy: Int64, at: Date, expiresAt: Date
    ) async throws -> Invitation {
        let id = try await db.insertReturningID(
            """
            INSERT INTO invitations (digest, email, role, organization_id, member_id, invited_by, created_at, expires_at)
            VALUES (\(bind: digest), \(bind: email), \(bind: role.rawValue), \(bind: organizationID), \(bind: memberID), \(bind: invitedBy),
                    \(bind: at.epochMilliseconds), \(bind: expiresAt.epochMilliseconds))
            """)
        return Invitation(
            id: id, email: email, role: role, organizationID: organizationID, memberID: memberID, invitedBy: invitedBy,
            createdAt: at, expiresAt: expiresAt, acceptedAt: nil
        )
    }

    func invitation(digest: String) async throws -> Invitation? {
        try await db.raw("SELECT * FROM invitations WHERE digest = \(bind: digest)").first().map(Self.invitation)
    }

    func invitation(id: Int64) async throws -> Invitation? {
        try await db.raw("SELECT * FROM invitations WHERE id = \(bind: id)").first().map(Self.invitation)
    }

    func markInvitationAccepted(id: Int64, at: Date) async throws {
        try await db.raw("UPDATE invitations SET accepted_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id)").run()
    }

    func openInvitations(at now: Date, page: PageRequest) async throws -> Page<Invitation> {
        let open: SQLQueryString =
            "member_id IS NULL AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > \(bind: now.epochMilliseconds)"
        let total = try await db.count("SELECT COUNT(*) AS n FROM invitations WHERE \(open)")
        let rows = try await db.raw("SELECT * FROM invitations WHERE \(open) ORDER BY id DESC LIMIT \(bind: page.size) OFFSET \(bind: page.offset)")
            .all()
        return Page(items: try rows.map(Self.invitation), total: total, request: page)
    }

    func renewInvitation(id: Int64, digest: String, expiresAt: Date) async throws {
        try await db.raw(
            "UPDATE invitations SET digest = \(bind: digest), expires_at = \(bind: expiresAt.epochMilliseconds) WHERE id = \(bind: id)"
        ).run()
    }

    func revokeInvitation(id: Int64, at: Date) async throws {
        try await db.raw("UPDATE invitations SET revoked_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id)").run()
    }

    static func invitation(_ row: any SQLRow) throws -> Invitation {
        Invitation(
            id: try row.int64("id"), email: try row.string("email"), role: try row.enumValue("role", as: Role.self),
            organizationID: try row.optionalInt64("organization_id"), memberID: try row.optionalInt64("member_id"),
            invitedBy: try row.int64("invited_by"),
            createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"), acceptedAt: try row.optionalDate("accepted_at"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }

    func insertToken(digest: String, memberID: Int64, name: String, prefix: String, at: Date) async throws -> APIToken {
        let id = try await db.insertReturningID(
            """
            INSERT INTO api_tokens (digest, member_id, name, prefix, created_at)
            VALUES (\(bind: digest), \(bind: memberID), \(bind: name), \(bind: prefix), \(bind: at.epochMilliseconds))
            """)
        return APIToken(id: id, memberID: memberID, name: name, prefix: prefix, createdAt: at, lastUsedAt: nil, revokedAt: nil)
    }

    func tokens(of memberID: Int64) async throws -> [APIToken] {
        try await db.raw("SELECT * FROM api_tokens WHERE member_id = \(bind: memberID) ORDER BY id DESC").all().map { row in
            APIToken(
                id: try row.int64("id"), memberID: try row.int64("member_id"), name: try row.string("name"), prefix: try row.string("prefix"),
                createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"), revokedAt: try row.optionalDate("revoked_at")
            )
        }
    }

    func revokeToken(id: Int64, of memberID: Int64, at: Date) async throws -> Bool {
        let live = try await db.raw("SELECT id FROM api_tokens WHERE id = \(bind: id) AND member_id = \(bind: memberID) AND revoked_at IS NULL")
            .first()
        guard live != nil else { return false }
        try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id)").run()
        return true
    }

    func revokeTokens(of memberID: Int64, at: Date) async throws -> Int {
        try await db.raw(
            "UPDATE api_tokens SET revoked_at = \(bind: at.epochMilliseconds) WHERE member_id = \(bind: memberID) AND revoked_at IS NULL RETURNING id"
        ).all().count
    }

    func tokenHolder(digest: String) async throws -> (tokenID: Int64, account: Account)? {
        guard
            let row = try await db.raw(
                """
                SELECT t.id AS token_id, m.id, m.email, m.password_hash, m.role, m.status
                FROM api_tokens t JOIN members m ON m.id = t.member_id
                WHERE t.digest = \(bind: digest) AND t.revoked_at IS NULL
                """
            ).first()
        else { return nil }
        return (try row.int64("token_id"), try Self.account(row))
    }

    func markTokensUsed(_ uses: [Int64: Date]) async throws {
        for (id, at) in uses.sorted(by: { $0.key < $1.key }) {
            try await db.raw("UPDATE api_tokens SET last_used_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id)").run()
        }
    }

    static func account(_ row: any SQLRow) throws -> Account {
        Account(
            memberID: try row.int64("id"), email: try row.string("email"), passwordHash: try row.string("password_hash"),
            role: try row.enumValue("role", as: Role.self), status: try row.enumValue("status", as: AccountStatus.self)
        )
    }
}
