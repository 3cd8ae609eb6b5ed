/// The database, as the core sees it: units of work that read, or that write atomically.
/// A `write` is one transaction: if the work throws, nothing it did is kept.
public protocol Persistence: Sendable {
    func read<T: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> T) async throws -> T
    func write<T: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> T) async throws -> T
}

/// How long a unit of work may wait for the database before it is refused as
/// `MusubiError.busy` with nothing written: for SQLite's one writer while a long write holds
/// it, for a PostgreSQL connection while the pool has none to give (all in use, or the server
/// unreachable). A request someone is waiting for waits a bounded time (the web layer sets
/// it); jobs and commands, which nobody watches, wait as long as SQLite's writer takes (nil),
/// and for a PostgreSQL connection at most `DatabasePatience.longest`.
public enum DatabasePatience {
    @TaskLocal public static var limit: Duration?
    /// The longest anything waits for a PostgreSQL connection: a pool that has given none for
    /// this long is broken, and waiting longer would only hide it.
    public static let longest: Duration = .seconds(120)
}

/// Every repository, bound to one unit of work.
public protocol Repositories: Sendable {
    var fields: any FieldRepository { get }
    var organizations: any OrganizationRepository { get }
    var members: any MemberRepository { get }
    var groups: any GroupRepository { get }
    var accounts: any AccountRepository { get }
    var audit: any AuditRepository { get }
    var listings: any ListingRepository { get }
    var introductions: any IntroductionRepository { get }
    var concepts: any ConceptRepository { get }
    var suggestionPins: any SuggestionPinRepository { get }
    var candidateViews: any CandidateViewRepository { get }
    var attachments: any AttachmentRepository { get }
    var channels: any ChannelRepository { get }
    var messages: any MessageRepository { get }
    var messageSearch: any MessageSearchRepository { get }
    var webhooks: any WebhookRepository { get }
    var imports: any ImportRepository { get }
    var idempotency: any IdempotencyRepository { get }
    var mailOutbox: any MailOutboxRepository { get }
    var notifications: any NotificationRepository { get }
    var bulletins: any BulletinRepository { get }
    var digests: any DigestRepository { get }
    var dashboard: any DashboardRepository { get }
    var events: any EventRepository { get }
}
