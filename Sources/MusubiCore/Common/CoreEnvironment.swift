import Foundation

/// What every use case needs from outside: the database, the file store, hashing, secrets
/// and the time.
/// Injected so that tests can fix the clock and make hashing cheap.
public struct CoreEnvironment: Sendable {
    public let persistence: any Persistence
    public let passwords: any PasswordHasher
    public let secrets: any SecretGenerator
    public let now: @Sendable () -> Date
    public let sessionLifetime: TimeInterval
    public let invitationLifetime: TimeInterval
    public let fieldTreeCache: FieldTreeCache
    public let matchIndex: LiveMatchIndex
    public let files: any FileStore
    public let previews: any PreviewMaker
    public let exchangeEvents: any ExchangeEventPublisher
    public let tokenUses: TokenUseLedger

    public init(
        persistence: any Persistence,
        files: any FileStore,
        previews: any PreviewMaker = NoPreviews(),
        passwords: any PasswordHasher,
        secrets: any SecretGenerator,
        now: @escaping @Sendable () -> Date = { Date() },
        sessionLifetime: TimeInterval = 14 * 24 * 3600,
        invitationLifetime: TimeInterval = 7 * 24 * 3600,
        fieldTreeCache: FieldTreeCache = FieldTreeCache(),
        matchIndex: LiveMatchIndex = LiveMatchIndex(),
        exchangeEvents: any ExchangeEventPublisher = SilentExchangeEvents(),
        tokenUses: TokenUseLedger = TokenUseLedger()
    ) {
        self.persistence = persistence
        self.passwords = passwords
        self.secrets = secrets
        self.now = now
        self.sessionLifetime = sessionLifetime
        self.invitationLifetime = invitationLifetime
        self.fieldTreeCache = fieldTreeCache
        self.matchIndex = matchIndex
        self.files = files
        self.previews = previews
        self.exchangeEvents = exchangeEvents
        self.tokenUses = tokenUses
    }
}

extension Policy {
    /// Asks the policy and turns a "no" into the error the viewer should see: a visitor is
    /// asked to sign in, and a thing the viewer may not see does not exist for them.
    public static func require(_ actor: Requester, _ action: Action, _ resource: Resource, hiding: Bool = true) throws {
        guard !can(actor, action, resource) else { return }
        if actor == .anonymous { throw MusubiError.unauthenticated }
        throw hiding && [.view, .list, .read].contains(action) ? MusubiError.notFound : MusubiError.forbidden
    }
}
