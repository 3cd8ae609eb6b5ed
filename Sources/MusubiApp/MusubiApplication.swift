import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import MusubiCore
import MusubiStore
import MusubiWeb
import NIOCore
import ServiceLifecycle

/// The composition root: an installation becomes a web application whose services are the
/// database, the live hub, the hourly upkeep, the desk's rounds, the mail outbox, the import jobs and the HTTP server, in one
/// service group. On SIGTERM the group shuts them down in the reverse order: the server stops
/// taking requests and finishes those in flight, a running import is cancelled and rolls
/// back, the upkeep and the hub stop, and the database closes last.
public enum MusubiApplication {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        public var web: WebConfiguration
        public var throttle: SignInThrottle
        public var upkeepInterval: Duration
        /// How often the API token uses noted by requests are written.
        public var tokenUseInterval: Duration
        /// Whether the outbox's mail is sent (tests read it where it waits, and send it themselves).
        public var sendsMail: Bool
        /// How long a connection may take to send a request head, or pause inside a body or
        /// between requests, before it is closed (`GuardedHTTPChannel`).
        public var connectionTimeout: Duration
        /// Work on the migrated database before anything else reads it (the demo community,
        /// a test's fixtures); the matching index is rebuilt after it.
        public var prepare: @Sendable (Installation) async throws -> Void
        public var onServerRunning: @Sendable (any NIOCore.Channel) async -> Void
        /// Told of every page rendered (`Site.observeRendering`), for tests.
        public var observeRendering: (@Sendable (String, [String: Any]) -> Void)?

        public init(
            host: String = "127.0.0.1", port: Int = 8080, web: WebConfiguration = WebConfiguration(), throttle: SignInThrottle = SignInThrottle(),
            upkeepInterval: Duration = .seconds(3_600), tokenUseInterval: Duration = .seconds(5), sendsMail: Bool = true,
            connectionTimeout: Duration = .seconds(30),
            prepare: @escaping @Sendable (Installation) async throws -> Void = { _ in },
            onServerRunning: @escaping @Sendable (any NIOCore.Channel) async -> Void = { _ in },
            observeRendering: (@Sendable (String, [String: Any]) -> Void)? = nil
        ) {
            self.host = host
            self.port = port
            self.web = web
            self.throttle = throttle
            self.upkeepInterval = upkeepInterval
            self.tokenUseInterval = tokenUseInterval
            self.sendsMail = sendsMail
            self.connectionTimeout = connectionTimeout
            self.prepare = prepare
            self.onServerRunning = onServerRunning
            self.observeRendering = observeRendering
        }
    }

    public static func build(_ installation: Installation, _ options: Options) throws -> some ApplicationProtocol {
        let environment = installation.environment
        let logger = installation.logger
        let hub = LiveHub(
            signal: installation.live, exchange: Exchange(environment), accounts: Accounts(environment, throttle: SignInThrottle()),
            notifications: Notifications(environment), timeZone: options.web.timeZone, logger: logger
        )
        let site = try Site(
            environment: environment, configuration: options.web, archives: ZipArchives(), archiver: installation.archive, throttle: options.throttle,
            live: hub, logger: logger,
            observeRendering: options.observeRendering
        )
        // What a killed process left: nothing of this one runs yet.
        let swept = site.uploads.sweep()
        if swept > 0 { logger.notice("uploads left by an earlier run removed", metadata: ["count": "\(swept)"]) }
        let readiness = Readiness()
        let prepare = options.prepare
        let database = DatabaseService(
            installation: installation,
            prepare: { installation in
                try await prepare(installation)
                let indexing = try await ContinuousClock().measure { try await Matchmaking(installation.environment).rebuildIndex() }
                logger.info(
                    "matching index built", metadata: ["listings": "\(installation.environment.matchIndex.count)", "duration": "\(indexing)"])
                try await hub.startAtLatestEvent()
            }, readiness: readiness)
        let upkeep = HourlyUpkeep(environment, interval: options.upkeepInterval, logger: logger)
        let tokenUses = TokenUseWriter(environment, interval: options.tokenUseInterval, logger: logger)
        let desk = DeskRounds(environment, digestSchedule: options.web.digestSchedule, logger: logger)
        let mail = MailOutboxSender(environment, transport: installation.mailTransport, writer: site.letters, logger: logger)
        var application = Application(
            router: SiteMap.router(for: site),
            server: .guardedHTTP1WebSocketUpgrade(webSocketRouter: LiveRoutes.router(for: site), timeout: options.connectionTimeout),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Musubi"),
            // Shut down in the reverse order, after the server.
            services: [
                database, AfterReadiness(readiness: readiness, service: hub), AfterReadiness(readiness: readiness, service: upkeep),
                AfterReadiness(readiness: readiness, service: tokenUses), AfterReadiness(readiness: readiness, service: desk), site.slackImports,
            ] + (options.sendsMail ? [AfterReadiness(readiness: readiness, service: mail)] : []),
            onServerRunning: options.onServerRunning,
            logger: logger
        )
        application.beforeServerStarts { try await readiness.wait() }
        return application
    }
}
