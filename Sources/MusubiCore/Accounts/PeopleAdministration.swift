import Foundation

/// What coordinators and admins do to people. Every change is audited in the same
/// transaction as the change itself.
public struct PeopleAdministration: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public func applications(_ actor: Requester, page: PageRequest = .init()) async throws -> Page<MemberSummary> {
        try Policy.require(actor, .list, .applications)
        return try await env.persistence.read { try await $0.members.withStatus(.pending, page: page) }
    }

    /// How many wait for approval: the badge coordinators see in the header (nil for others).
    public func waitingApplications(_ actor: Requester) async throws -> Int? {
        guard Policy.can(actor, .approve, .applications) else { return nil }
        return try await env.persistence.read { try await $0.members.count(withStatus: .pending) }
    }

    /// The address, message and date of each applicant among `ids`.
    public func applicationDetails(_ actor: Requester, of ids: [Int64]) async throws -> [Int64: ApplicationDetails] {
        try Policy.require(actor, .list, .applications)
        return try await env.persistence.read { try await $0.members.applicationDetails(of: ids) }
    }

    public func people(_ actor: Requester, status: AccountStatus, page: PageRequest = .init()) async throws -> Page<MemberSummary> {
        try Policy.require(actor, .list, .applications)
        return try await env.persistence.read { try await $0.members.withStatus(status, page: page) }
    }

    public func approve(_ actor: Requester, memberID: Int64) async throws {
        try await decideApplication(actor, memberID: memberID, to: .active, audit: .applicationApproved)
    }

    public func reject(_ actor: Requester, memberID: Int64) async throws {
        try await decideApplication(actor, memberID: memberID, to: .deactivated, audit: .applicationRejected)
    }

    public func changeRole(_ actor: Requester, memberID: Int64, to role: Role) async throws {
        try await change(actor, memberID: memberID, action: .assignRole(role)) { repos, member in
            guard member.role != role else { return nil }
            try await repos.members.setRole(id: memberID, to: role)
            return (.roleChanged, "\(member.role.rawValue) → \(role.rawValue)")
        }
        await env.exchangeEvents.signInChanged(memberID: memberID)
    }

    /// Deactivation ends every session of the person at once and revokes their API tokens
    /// for good: reactivating them later does not bring the tokens back.
    public func deactivate(_ actor: Requester, memberID: Int64) async throws {
        try await change(actor, memberID: memberID, action: .deactivate) { [now = env.now()] repos, member in
            guard member.status != .deactivated else { return nil }
            try await repos.members.setStatus(id: memberID, to: .deactivated)
            try await repos.accounts.deleteSessions(of: memberID)
            let revoked = try await repos.accounts.revokeTokens(of: memberID, at: now)
            if revoked > 0 {
                try await repos.audit.append(
                    actorID: actor.memberID, action: .apiTokensRevoked, subjectType: "member", subjectID: memberID, detail: "\(revoked)", at: now)
            }
            return (.memberDeactivated, member.name)
        }
        await env.exchangeEvents.signInChanged(memberID: memberID)
    }

    public func reactivate(_ actor: Requester, memberID: Int64) async throws {
        try await change(actor, memberID: memberID, action: .reactivate) { repos, member in
            guard member.status == .deactivated else { return nil }
            try await repos.members.setStatus(id: memberID, to: .active)
            return (.memberReactivated, member.name)
        }
    }

    /// A one-time link; the secret in it is returned once and stored only as a digest.
    public struct IssuedInvitation: Sendable {
        public var invitation: Invitation
        public var secret: String
    }

    public func invite(_ actor: Requester, email rawEmail: String, role: Role, organizationID: Int64?) async throws -> IssuedInvitation {
        guard let inviter = actor.memberID else { throw MusubiError.unauthenticated }
        try Policy.require(actor, .invite(role), .members, hiding: false)
        var check = Validator()
        let email = check.email("email", rawEmail)
        try check.check()
        let secret = env.secrets.newSecret()
        let digest = env.secrets.digest(secret)
        let now = env.now()
        let expires = now.addingTimeInterval(env.invitationLifetime)
        let invitation = try await env.persistence.write { repos in
            try await requireOrganization(organizationID, in: repos)
            if try await repos.accounts.account(email: email) != nil { throw MusubiError.conflict("error.email_taken") }
            let invitation = try await repos.accounts.insertInvitation(
                digest: digest, email: email, role: role, organizationID: organizationID, memberID: nil, invitedBy: inviter, at: now,
                expiresAt: expires
            )
            try await repos.audit.append(
                actorID: inviter, action: .invitationCreated, subjectType: "invitation", subjectID: invitation.id,
                detail: "\(email) (\(role.rawValue))", at: now)
            try await mailInvitation(invitation, secret: secret, repos)
            return invitation
        }
        return IssuedInvitation(invitation: invitation, secret: secret)
    }

    /// Invitations sent and not yet used, taken back or expired.
    public func openInvitations(_ actor: Requester, page: PageRequest = .init()) async throws -> Page<Invitation> {
        try Policy.require(actor, .invite(.member), .members)
        return try await env.persistence.read { [now = env.now()] in try await $0.accounts.openInvitations(at: now, page: page) }
    }

    /// Sends an open invitation again with a new link, valid for the full time again; the
    /// old link stops working.
    public func resendInvitation(_ actor: Requester, id: Int64) async throws -> IssuedInvitation {
        let secret = env.secrets.newSecret()
        let now = env.now()
        let invitation = try await changeOpenInvitation(actor, id: id) { repos, invitation in
            var renewed = invitation
            renewed.expiresAt = now.addingTimeInterval(env.invitationLifetime)
            try await repos.accounts.renewInvitation(id: id, digest: env.secrets.digest(secret), expiresAt: renewed.expiresAt)
            try await mailInvitation(renewed, secret: secret, repos)
            return (renewed, .invitationResent)
        }
        return IssuedInvitation(invitation: invitation, secret: secret)
    }

    /// Takes an open invitation back: its link explains that it was withdrawn.
    public func revokeInvitation(_ actor: Requester, id: Int64) async throws {
        _ = try await changeOpenInvitation(actor, id: id) { [now = env.now()] repos, invitation in
            try await repos.accounts.revokeInvitation(id: id, at: now)
            return (invitation, .invitationRevoked)
        }
    }

    private func changeOpenInvitation(
        _ actor: Requester, id: Int64, _ change: @escaping @Sendable (any Repositories, Invitation) async throws -> (Invitation, AuditAction)
    ) async throws -> Invitation {
        try Policy.require(actor, .invite(.member), .members, hiding: false)
        return try await env.persistence.write { [now = env.now()] repos in
            guard let invitation = try await repos.accounts.invitation(id: id), invitation.memberID == nil else { throw MusubiError.notFound }
            try Policy.require(actor, .invite(invitation.role), .members, hiding: false)
            if let reason = invitation.unusableReason(at: now) { throw MusubiError.conflict(reason) }
            let (changed, action) = try await change(repos, invitation)
            try await repos.audit.append(
                actorID: actor.memberID, action: action, subjectType: "invitation", subjectID: id, detail: invitation.email, at: now)
            return changed
        }
    }

    private func mailInvitation(_ invitation: Invitation, secret: String, _ repos: any Repositories) async throws {
        let inviter = try await repos.members.names(of: [invitation.invitedBy])[invitation.invitedBy] ?? ""
        try await repos.post(
            .invitation(inviterName: inviter, role: invitation.role, secret: secret, expiresAt: invitation.expiresAt),
            to: MailAddress(address: invitation.email), kind: "invitation", env)
    }

    /// A one-time link with which an existing, active person sets a new password and signs
    /// in. Using it ends the person's other sessions.
    public func issueSignInLink(_ actor: Requester, memberID: Int64) async throws -> IssuedInvitation {
        guard let issuer = actor.memberID else { throw MusubiError.unauthenticated }
        return try await issueSignInLink(issuer: issuer) { repos in
            guard let member = try await repos.members.find(id: memberID) else { throw MusubiError.notFound }
            try Policy.require(actor, .issueSignInLink, .member(id: memberID, role: member.role), hiding: false)
            return member
        }
    }

    /// The same link, issued by the operator at the command line for the person with this
    /// address: after a restore nobody has a password, administrators included. The person is
    /// recorded as the link's issuer; the audit log names no actor.
    public func issueSignInLinkAsOperator(email: String) async throws -> IssuedInvitation {
        try await issueSignInLink(issuer: nil) { repos in
            guard let account = try await repos.accounts.account(email: email.trimmingCharacters(in: .whitespaces).lowercased()),
                let member = try await repos.members.find(id: account.memberID)
            else { throw MusubiError.notFound }
            return member
        }
    }

    private func issueSignInLink(issuer: Int64?, _ person: @escaping @Sendable (any Repositories) async throws -> Member) async throws
        -> IssuedInvitation
    {
        let secret = env.secrets.newSecret()
        let digest = env.secrets.digest(secret)
        let now = env.now()
        let invitation = try await env.persistence.write { repos in
            let member = try await person(repos)
            guard let account = try await repos.accounts.account(memberID: member.id) else { throw MusubiError.notFound }
            guard member.status == .active else { throw MusubiError.conflict("error.account_not_active") }
            let invitation = try await repos.accounts.insertInvitation(
                digest: digest, email: account.email, role: member.role, organizationID: member.organizationID, memberID: member.id,
                invitedBy: issuer ?? member.id, at: now, expiresAt: now.addingTimeInterval(env.invitationLifetime)
            )
            try await repos.audit.append(
                actorID: issuer, action: .signInLinkCreated, subjectType: "member", subjectID: member.id, detail: member.name, at: now)
            try await repos.post(
                .signInLink(secret: secret, expiresAt: invitation.expiresAt, selfService: false),
                to: MailAddress(name: member.name, address: account.email), kind: "sign_in_link", env)
            return invitation
        }
        return IssuedInvitation(invitation: invitation, secret: secret)
    }

    /// A page of the audit log with the names it shows: of the people who acted and of the
    /// people acted on, and everyone the log can be filtered by, by name.
    public struct AuditLog: Sendable {
        public var entries: Page<AuditEntry>
        public var names: [Int64: String]
        public var actors: [(id: Int64, name: String)]
    }

    public func auditLog(_ actor: Requester, _ query: AuditQuery) async throws -> AuditLog {
        try Policy.require(actor, .read, .auditLog)
        return try await env.persistence.read { repos in
            let entries = try await repos.audit.search(query)
            let actorIDs = try await repos.audit.actors()
            let shown = entries.items.compactMap(\.actorID) + entries.items.filter { $0.subjectType == "member" }.compactMap(\.subjectID)
            let names = try await repos.members.names(of: Array(Set(actorIDs + shown)))
            let actors = actorIDs.compactMap { id in names[id].map { (id, $0) } }.sorted { $0.1.localizedStandardCompare($1.1) == .orderedAscending }
            return AuditLog(entries: entries, names: names, actors: actors)
        }
    }

    private func decideApplication(_ actor: Requester, memberID: Int64, to status: AccountStatus, audit: AuditAction) async throws {
        try Policy.require(actor, .approve, .applications)
        let now = env.now()
        try await env.persistence.write { repos in
            guard let member = try await repos.members.find(id: memberID), member.status == .pending else {
                throw MusubiError.notFound
            }
            try await repos.members.setStatus(id: memberID, to: status)
            if status == .active { try await Exchange.seatInAnnouncements(memberID, repos, at: now) }
            try await repos.audit.append(
                actorID: actor.memberID, action: audit, subjectType: "member", subjectID: memberID, detail: member.name, at: now)
            // The applicant hears of it by mail (a declined one has no bell to look at).
            let approved = status == .active
            let notice = Notice(step: approved ? .applicationApproved : .applicationDeclined, actorID: nil, subject: member.name, target: .home)
            try await Notifier(env: env).notify(notice, to: [memberID], repos, reachingInactive: !approved)
        }
        try await Matchmaking(env).reindexPerson(memberID)
    }

    /// Loads the person, asks the policy about them, applies the change and audits it, all
    /// in one transaction. The change returns nil when there was nothing to do.
    private func change(
        _ actor: Requester, memberID: Int64, action: Action,
        _ apply: @escaping @Sendable (any Repositories, Member) async throws -> (AuditAction, String)?
    ) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            guard let member = try await repos.members.find(id: memberID) else { throw MusubiError.notFound }
            try Policy.require(actor, action, .member(id: memberID, role: member.role), hiding: false)
            guard let (auditAction, detail) = try await apply(repos, member) else { return }
            try await repos.audit.append(
                actorID: actor.memberID, action: auditAction, subjectType: "member", subjectID: memberID, detail: detail, at: now)
        }
        try await Matchmaking(env).reindexPerson(memberID)
    }
}
