import Foundation

/// Signing in and out, sessions, applying to join, accepting an invitation, passwords.
public struct Accounts: Sendable {
    let env: CoreEnvironment
    let throttle: SignInThrottle

    public init(_ env: CoreEnvironment, throttle: SignInThrottle) {
        self.env = env
        self.throttle = throttle
    }

    /// A new session and the secret for its cookie.
    public struct SignedIn: Sendable {
        public var cookieSecret: String
        public var session: Session
        public var account: Account
    }

    /// Checks the password; the same error for an unknown e-mail, a wrong password, or an
    /// account that may not sign in, so nobody learns which e-mails are registered.
    public func signIn(email rawEmail: String, password: String, address: String) async throws -> SignedIn {
        let email = rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !email.isEmpty, !password.isEmpty, email.count <= 254, password.utf8.count <= 1024 else {
            throw MusubiError.invalid("email", "error.sign_in_failed")
        }
        try await throttle.check(account: email, address: address)
        let account = try await env.persistence.read { try await $0.accounts.account(email: email) }
        guard let account, !account.passwordHash.isEmpty,
            try await env.passwords.verify(password, against: account.passwordHash)
        else {
            await throttle.recordFailure(account: email, address: address)
            throw MusubiError.invalid("email", "error.sign_in_failed")
        }
        switch account.status {
        case .pending: throw MusubiError.invalid("email", "error.account_pending")
        case .deactivated: throw MusubiError.invalid("email", "error.sign_in_failed")
        case .active: break
        }
        await throttle.recordSuccess(account: email)
        return try await startSession(for: account)
    }

    public func signOut(cookieSecret: String) async throws {
        let digest = env.secrets.digest(cookieSecret)
        if let memberID = try await env.persistence.write({ try await $0.accounts.deleteSession(digest: digest) }) {
            await env.exchangeEvents.signInChanged(memberID: memberID)
        }
    }

    /// The session behind a cookie, if it is live and its person may still act.
    public func session(cookieSecret: String) async throws -> (session: Session, actor: Requester)? {
        let digest = env.secrets.digest(cookieSecret)
        guard let found = try await env.persistence.read({ try await $0.accounts.session(digest: digest) }),
            found.session.expiresAt > env.now(),
            found.account.status == .active
        else { return nil }
        return (found.session, Requester.from(found.account))
    }

    /// The actor behind a personal API token. Only reads: the use is noted in memory
    /// (`TokenUseLedger`) unless `recordingUse` is false (checking again that a connection
    /// opened with it may stay open), and written later by `recordTokenUses`.
    public func actor(apiToken: String, recordingUse: Bool = true) async throws -> Requester? {
        let digest = env.secrets.digest(apiToken)
        guard let (tokenID, account) = try await env.persistence.read({ try await $0.accounts.tokenHolder(digest: digest) }) else { return nil }
        if recordingUse { await env.tokenUses.note(tokenID: tokenID, at: env.now()) }
        return Requester.from(account)
    }

    /// Writes the token uses noted since the last call, in one transaction; on failure they
    /// are kept for the next call. Gives how many tokens were written.
    @discardableResult
    public func recordTokenUses() async throws -> Int {
        let uses = await env.tokenUses.takeUnwritten()
        guard !uses.isEmpty else { return 0 }
        do {
            try await env.persistence.write { try await $0.accounts.markTokensUsed(uses) }
        } catch {
            await env.tokenUses.giveBack(uses)
            throw error
        }
        return uses.count
    }

    /// A visitor asks to join; a coordinator approves them later.
    public struct Application: Sendable {
        public var email: String
        public var password: String
        public var name: String
        public var nameKana: String
        public var organizationID: Int64?
        /// The organisation's name when it is not in the directory (one is chosen, or one typed).
        public var organizationName: String
        public var title: String
        public var message: String

        public init(
            email: String, password: String, name: String, nameKana: String = "", organizationID: Int64?, organizationName: String = "",
            title: String = "", message: String = ""
        ) {
            self.organizationName = organizationName
            self.email = email
            self.password = password
            self.name = name
            self.nameKana = nameKana
            self.organizationID = organizationID
            self.title = title
            self.message = message
        }
    }

    @discardableResult
    public func apply(_ application: Application) async throws -> Member {
        var check = Validator()
        let email = check.email("email", application.email)
        check.password("password", application.password)
        let name = check.text("name", application.name, required: true, limit: 100)
        let kana = check.text("nameKana", application.nameKana, limit: 100)
        let title = check.text("title", application.title, limit: 100)
        let message = check.text("message", application.message, limit: 2000, multiline: true)
        let typedOrganization = check.text("organizationName", application.organizationName, limit: 200)
        if application.organizationID != nil && !typedOrganization.isEmpty { check.fail("organizationName", "error.organization_twice") }
        try check.check()
        let hash = try await env.passwords.hash(application.password)
        let now = env.now()
        let draft = ProfileDraft(name: name, nameKana: kana, profile: Profile(title: title, seeking: message), fieldIDs: [])
        let (member, notified) = try await env.persistence.write { repos in
            try await requireOrganization(application.organizationID, in: repos)
            let member = try await repos.members.insert(
                NewMember(
                    email: email, passwordHash: hash, role: .member, status: .pending, organizationID: application.organizationID, draft: draft),
                at: now
            )
            if !typedOrganization.isEmpty { try await repos.members.setAppliedOrganization(id: member.id, name: typedOrganization) }
            let notice = Notice(step: .applicationWaiting, actorID: nil, subject: name, target: .applications)
            return (member, try await Notifier(env: env).notify(notice, to: try await repos.notifications.staff(), repos))
        }
        await env.exchangeEvents.notificationsChanged(memberIDs: notified)
        return member
    }

    /// The invitation behind a link, if it can still be used. A link that was used, taken
    /// back or left to expire says so (a conflict with the reason's key), so that whoever
    /// follows it learns what to do; a link that never existed is not found.
    public func invitation(secret: String) async throws -> Invitation {
        let digest = env.secrets.digest(secret)
        guard let invitation = try await env.persistence.read({ try await $0.accounts.invitation(digest: digest) }) else {
            throw MusubiError.notFound
        }
        if let reason = invitation.unusableReason(at: env.now()) { throw MusubiError.conflict(reason) }
        return invitation
    }

    /// A forgotten password: a one-time link to set a new one, mailed to the address when it
    /// belongs to an active account. The answer is the same whether it does or not, so nobody
    /// learns which addresses are registered; asking is limited per address and per client
    /// like signing in.
    public func requestPasswordReset(email rawEmail: String, address: String) async throws {
        var check = Validator()
        let email = check.email("email", rawEmail)
        try check.check()
        let (account, client) = ("reset:" + email, "reset:" + address)
        try await throttle.check(account: account, address: client)
        await throttle.recordFailure(account: account, address: client)
        let secret = env.secrets.newSecret()
        let now = env.now()
        try await env.persistence.write { repos in
            guard let account = try await repos.accounts.account(email: email), account.status == .active,
                let member = try await repos.members.find(id: account.memberID)
            else { return }
            let link = try await repos.accounts.insertInvitation(
                digest: env.secrets.digest(secret), email: account.email, role: member.role, organizationID: member.organizationID,
                memberID: member.id, invitedBy: member.id, at: now, expiresAt: now.addingTimeInterval(Self.resetLifetime))
            try await repos.audit.append(
                actorID: nil, action: .passwordResetRequested, subjectType: "member", subjectID: member.id, detail: member.name, at: now)
            try await repos.post(
                .signInLink(secret: secret, expiresAt: link.expiresAt, selfService: true), to: MailAddress(name: member.name, address: email),
                kind: "sign_in_link", env)
        }
    }

    /// How long a self-service reset link works: long enough to find the mail, short
    /// enough that an old mailbox is no key to the account.
    public static let resetLifetime: TimeInterval = 2 * 3600

    /// Accepting an invitation creates the account, active at once, and signs the person in.
    /// A link for an existing account sets its password instead (the name stays as it is)
    /// and ends the account's other sessions.
    public func acceptInvitation(secret: String, name rawName: String, nameKana rawKana: String, password: String) async throws -> SignedIn {
        let digest = env.secrets.digest(secret)
        let claimsExistingAccount = try await invitation(secret: secret).claimsExistingAccount
        var check = Validator()
        let name = claimsExistingAccount ? "" : check.text("name", rawName, required: true, limit: 100)
        let kana = claimsExistingAccount ? "" : check.text("nameKana", rawKana, limit: 100)
        check.password("password", password)
        try check.check()
        let hash = try await env.passwords.hash(password)
        let now = env.now()
        let account = try await env.persistence.write { repos -> Account in
            guard let invitation = try await repos.accounts.invitation(digest: digest) else { throw MusubiError.notFound }
            if let reason = invitation.unusableReason(at: now) { throw MusubiError.conflict(reason) }
            try await repos.accounts.markInvitationAccepted(id: invitation.id, at: now)
            if let memberID = invitation.memberID {
                guard var account = try await repos.accounts.account(memberID: memberID), account.status == .active else {
                    throw MusubiError.notFound
                }
                try await repos.accounts.setPasswordHash(hash, for: memberID)
                try await repos.accounts.deleteSessions(of: memberID)
                try await repos.audit.append(
                    actorID: memberID, action: .invitationAccepted, subjectType: "invitation", subjectID: invitation.id, detail: invitation.email,
                    at: now)
                account.passwordHash = hash
                return account
            }
            let member = try await repos.members.insert(
                NewMember(
                    email: invitation.email, passwordHash: hash, role: invitation.role, status: .active,
                    organizationID: invitation.organizationID,
                    draft: ProfileDraft(name: name, nameKana: kana, profile: Profile(), fieldIDs: [])
                ),
                at: now
            )
            try await Exchange.seatInAnnouncements(member.id, repos, at: now)
            try await repos.audit.append(
                actorID: member.id, action: .invitationAccepted, subjectType: "invitation", subjectID: invitation.id, detail: invitation.email,
                at: now)
            return Account(memberID: member.id, email: invitation.email, passwordHash: hash, role: invitation.role, status: .active)
        }
        if claimsExistingAccount { await env.exchangeEvents.signInChanged(memberID: account.memberID) }
        return try await startSession(for: account)
    }

    /// Changing the password ends every other session of the person.
    public func changePassword(_ actor: Requester, current: String, new: String) async throws -> SignedIn {
        guard let memberID = actor.memberID else { throw MusubiError.unauthenticated }
        try Policy.require(actor, .edit, .account(ownerID: memberID))
        guard let account = try await env.persistence.read({ try await $0.accounts.account(memberID: memberID) }) else {
            throw MusubiError.notFound
        }
        guard try await env.passwords.verify(current, against: account.passwordHash) else {
            throw MusubiError.invalid("currentPassword", "error.password_wrong")
        }
        var check = Validator()
        check.password("newPassword", new)
        try check.check()
        let hash = try await env.passwords.hash(new)
        try await env.persistence.write { repos in
            try await repos.accounts.setPasswordHash(hash, for: memberID)
            try await repos.accounts.deleteSessions(of: memberID)
        }
        await env.exchangeEvents.signInChanged(memberID: memberID)
        var updated = account
        updated.passwordHash = hash
        return try await startSession(for: updated)
    }

    private func startSession(for account: Account) async throws -> SignedIn {
        let secret = env.secrets.newSecret()
        let now = env.now()
        let session = Session(
            digest: env.secrets.digest(secret), memberID: account.memberID, csrfToken: env.secrets.newSecret(),
            createdAt: now, expiresAt: now.addingTimeInterval(env.sessionLifetime)
        )
        try await env.persistence.write { repos in
            try await repos.accounts.deleteExpiredSessions(before: now)
            try await repos.accounts.insertSession(session)
        }
        return SignedIn(cookieSecret: secret, session: session, account: account)
    }
}

func requireOrganization(_ id: Int64?, in repos: any Repositories, field: String = "organizationID") async throws {
    guard let id else { return }
    if try await repos.organizations.find(id: id) == nil { throw MusubiError.invalid(field, "error.organization_unknown") }
}
