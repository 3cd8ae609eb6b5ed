import Foundation

/// What signing in needs to know about a person. The password hash never leaves the core's ports.
public struct Account: Sendable, Equatable {
    public var memberID: Int64
    public var email: String
    public var passwordHash: String
    public var role: Role
    public var status: AccountStatus

    public init(memberID: Int64, email: String, passwordHash: String, role: Role, status: AccountStatus) {
        self.memberID = memberID
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.status = status
    }
}

/// A one-time link that lets a coordinator bring someone in with a role, or, when it names
/// an existing person (`memberID`), lets that person set a password and sign in: people who
/// came in by import have none, and people forget theirs.
public struct Invitation: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var email: String
    public var role: Role
    public var organizationID: Int64?
    public var memberID: Int64?
    public var invitedBy: Int64
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    /// When a coordinator took the link back.
    public var revokedAt: Date?

    public init(
        id: Int64, email: String, role: Role, organizationID: Int64?, memberID: Int64? = nil, invitedBy: Int64,
        createdAt: Date, expiresAt: Date, acceptedAt: Date?, revokedAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.role = role
        self.organizationID = organizationID
        self.memberID = memberID
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.revokedAt = revokedAt
    }

    /// A link for someone who already has an account.
    public var claimsExistingAccount: Bool { memberID != nil }

    public func isUsable(at now: Date) -> Bool { acceptedAt == nil && revokedAt == nil && now < expiresAt }

    /// Why a link can no longer be used, as the catalog key that explains it to whoever
    /// follows it; nil while it can.
    public func unusableReason(at now: Date) -> String? {
        if acceptedAt != nil { return "error.link_used" }
        if revokedAt != nil { return "error.link_revoked" }
        if now >= expiresAt { return "error.link_expired" }
        return nil
    }
}

/// A signed-in browser. The cookie carries a secret; the database keeps only its digest.
public struct Session: Sendable, Equatable {
    public var digest: String
    public var memberID: Int64
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(digest: String, memberID: Int64, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.digest = digest
        self.memberID = memberID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A personal API token. Only its digest is stored; the secret is shown once, at creation.
public struct APIToken: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var memberID: Int64
    public var name: String
    public var prefix: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: Int64, memberID: Int64, name: String, prefix: String, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.memberID = memberID
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
