/// The database, as the core sees it: units of work that read, or that write atomically.
/// A `write` is one transaction: if the work throws, nothing it did is kept.
public protocol Persistence: Sendable {
    func read<T: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> T) async throws -> T
    func write<T: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> T) async throws -> T
}

/// How long a change may wait for a database that takes one write at a time (SQLite) while
/// a long write holds it, before it is refused as `MusubiError.busy` with nothing written.
/// A request someone is waiting for waits a bounded time (the web layer sets it); jobs and
/// commands, which nobody watches, wait as long as it takes (nil).
public enum WriterPatience {
    @TaskLocal public static var limit: Duration?
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
}
