import Foundation

/// A person's own settings: their profile and their personal API tokens.
public struct AccountSettings: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// The longest texts a profile and a token take, in Unicode scalars; the most keywords
    /// and live tokens.
    public static let limits = (
        name: 100, nameKana: 100, title: 100, keywords: 20, keyword: 40, offer: 2_000, seeking: 2_000, tokenName: 80, tokens: 20
    )

    public func updateProfile(_ actor: Requester, _ draft: ProfileDraft) async throws -> Member {
        guard let memberID = actor.memberID else { throw MusubiError.unauthenticated }
        try Policy.require(actor, .edit, .account(ownerID: memberID))
        let tree = try await Directory(env).fieldTree()
        var check = Validator()
        let clean = ProfileDraft(
            name: check.text("name", draft.name, required: true, limit: Self.limits.name),
            nameKana: check.text("nameKana", draft.nameKana, limit: Self.limits.nameKana),
            profile: Profile(
                title: check.text("title", draft.profile.title, limit: Self.limits.title),
                keywords: check.list("keywords", draft.profile.keywords, maxCount: Self.limits.keywords, maxLength: Self.limits.keyword),
                offer: check.text("offer", draft.profile.offer, limit: Self.limits.offer, multiline: true),
                seeking: check.text("seeking", draft.profile.seeking, limit: Self.limits.seeking, multiline: true),
                languages: check.list("languages", draft.profile.languages, maxCount: Language.codes.count, maxLength: 8)
            ),
            fieldIDs: check.fieldIDs("fieldIDs", draft.fieldIDs, known: tree)
        )
        if clean.profile.languages.contains(where: { !Language.codes.contains($0) }) { check.fail("languages", "error.language") }
        try check.check()
        let member = try await env.persistence.write { repos in
            try await repos.members.updateProfile(id: memberID, with: clean)
            guard let member = try await repos.members.find(id: memberID) else { throw MusubiError.notFound }
            return member
        }
        try await Matchmaking(env).reindexPerson(memberID)
        return member
    }

    public func tokens(_ actor: Requester) async throws -> [APIToken] {
        guard let memberID = actor.memberID else { throw MusubiError.unauthenticated }
        try Policy.require(actor, .view, .account(ownerID: memberID))
        return try await env.persistence.read { try await $0.accounts.tokens(of: memberID) }
    }

    /// The token's secret is returned once, here, and never again.
    public func createToken(_ actor: Requester, name rawName: String) async throws -> (token: APIToken, secret: String) {
        guard let memberID = actor.memberID else { throw MusubiError.unauthenticated }
        try Policy.require(actor, .edit, .account(ownerID: memberID))
        var check = Validator()
        let name = check.text("name", rawName, required: true, limit: Self.limits.tokenName)
        try check.check()
        let secret = "msb_" + env.secrets.newSecret()
        let digest = env.secrets.digest(secret)
        let now = env.now()
        let token = try await env.persistence.write { repos in
            let live = try await repos.accounts.tokens(of: memberID).filter { $0.revokedAt == nil }
            if live.count >= Self.limits.tokens { throw MusubiError.invalid("name", "error.too_many_tokens") }
            return try await repos.accounts.insertToken(digest: digest, memberID: memberID, name: name, prefix: String(secret.prefix(10)), at: now)
        }
        return (token, secret)
    }

    public func revokeToken(_ actor: Requester, id: Int64) async throws {
        guard let memberID = actor.memberID else { throw MusubiError.unauthenticated }
        try Policy.require(actor, .edit, .account(ownerID: memberID))
        let now = env.now()
        let revoked = try await env.persistence.write { try await $0.accounts.revokeToken(id: id, of: memberID, at: now) }
        if !revoked { throw MusubiError.notFound }
        await env.exchangeEvents.signInChanged(memberID: memberID)
    }
}
