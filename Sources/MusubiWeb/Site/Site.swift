import Foundation
import Hummingbird
import Logging
import MusubiCore

/// Everything a handler needs: the use cases, the templates, the catalog and the settings.
public struct Site: Sendable {
    public let configuration: WebConfiguration
    public let directory: Directory
    public let accounts: Accounts
    public let settings: AccountSettings
    public let people: PeopleAdministration
    public let stewardship: Stewardship
    public let listings: Listings
    public let matchmaking: Matchmaking
    public let introductions: Introductions
    public let dictionary: MatchingDictionary
    public let suggestions: Suggestions
    public let funnel: MatchingFunnel
    public let attachments: ListingAttachments
    public let exchange: Exchange
    public let notifications: Notifications
    public let bulletins: Bulletins
    public let events: Events
    public let digests: Digests
    public let dashboard: CommunityDashboard
    public let mailOpens: MailOpens
    let mailOutbox: MailOutboxAdmin
    /// Renders the outbox's letters into mail: for the sender, and for the admin's page.
    public let letters: MailLetters
    /// The realtime hub that the WebSocket connections register with.
    public let live: LiveHub
    public let slackImports: SlackImportJobs
    let communityArchives: CommunityArchives
    public let idempotentRequests: IdempotentRequests
    /// Where uploaded files wait while they are read.
    public let uploads: UploadArea
    let templates: Templates
    let catalog: Catalog
    let resources: ResourceLocator
    let secrets: any SecretGenerator
    /// The community's clock (fixed in tests).
    let now: @Sendable () -> Date
    let optionLists = FragmentCache<String>(limit: 2_000)
    let memberCards = FragmentCache<CardKey<MemberRow>>(limit: 10_000)
    let organizationCards = FragmentCache<CardKey<OrganizationRow>>(limit: 2_000)

    let logger: Logger
    /// Told of every page rendered, with its template and everything the template sees: how
    /// the tests check that every name a template uses resolves.
    let observeRendering: (@Sendable (String, [String: Any]) -> Void)?

    /// `live` is the hub the WebSocket connections register with; `archives` opens uploaded
    /// exports; `archiver` writes the whole community's archive. Built by the composition root
    /// (`MusubiApplication`).
    public init(
        environment: CoreEnvironment, configuration: WebConfiguration, archives: any ExportArchiveOpener, archiver: any CommunityArchiver,
        throttle: SignInThrottle = SignInThrottle(), live: LiveHub, logger: Logger,
        observeRendering: (@Sendable (String, [String: Any]) -> Void)? = nil
    ) throws {
        let resources = ResourceLocator(themeDirectory: configuration.themeDirectory)
        self.configuration = configuration
        self.resources = resources
        self.templates = try Templates(resources: resources)
        self.catalog = try Catalog(resources: resources)
        self.secrets = environment.secrets
        self.now = environment.now
        self.directory = Directory(environment)
        self.accounts = Accounts(environment, throttle: throttle)
        self.settings = AccountSettings(environment)
        self.people = PeopleAdministration(environment)
        self.stewardship = Stewardship(environment)
        self.listings = Listings(environment)
        self.matchmaking = Matchmaking(environment)
        self.introductions = Introductions(environment)
        self.dictionary = MatchingDictionary(environment)
        self.suggestions = Suggestions(environment)
        self.funnel = MatchingFunnel(environment)
        self.attachments = ListingAttachments(environment)
        self.exchange = Exchange(environment)
        self.notifications = Notifications(environment)
        self.bulletins = Bulletins(environment)
        self.events = Events(environment, throttle: throttle)
        self.digests = Digests(environment)
        self.dashboard = CommunityDashboard(environment)
        self.mailOpens = MailOpens(environment)
        self.letters = MailLetters(configuration: configuration, templates: self.templates, catalog: self.catalog, opens: mailOpens)
        self.mailOutbox = MailOutboxAdmin(environment)
        self.idempotentRequests = IdempotentRequests(environment)
        self.uploads = UploadArea(
            root: configuration.uploadsDirectory.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("musubi-uploads-\(UUID().uuidString)"))
        self.slackImports = SlackImportJobs(environment, archives: archives, uploads: uploads, logger: logger)
        self.communityArchives = CommunityArchives(environment, archiver: archiver)
        self.live = live
        self.logger = logger
        self.observeRendering = observeRendering
    }

    func t(_ key: String, _ context: MusubiRequestContext) -> String {
        catalog.text(key, context.language)
    }
}

enum Cookies {
    static let session = "musubi_session"
    static let visitorCSRF = "musubi_csrf"
    static let language = "musubi_lang"
}
