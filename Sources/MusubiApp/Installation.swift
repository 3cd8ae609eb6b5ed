import Foundation
import Logging
import MusubiCore
import MusubiMail
import MusubiStore
import MusubiWeb

/// An installation's data, opened: the database, the files, and the core wired to them. The
/// one place (with `MusubiApplication`) that knows every concrete type; the command, the
/// command-line tests and the web tests all open installations here.
public struct Installation: Sendable {
    /// Where an installation keeps its data.
    public struct Location: Sendable {
        public var database: DatabaseLocation
        /// The folder for stored files and the generated session secret.
        public var dataDirectory: String
        /// The key under which digests of secrets are stored; generated into the data folder when nil.
        public var sessionSecret: String?
        /// The SMTP server mail goes to; `.eml` files under the data folder when nil.
        public var smtp: SMTPConfiguration?

        public init(database: DatabaseLocation, dataDirectory: String, sessionSecret: String?, smtp: SMTPConfiguration? = nil) {
            self.database = database
            self.dataDirectory = dataDirectory
            self.sessionSecret = sessionSecret
            self.smtp = smtp
        }
    }

    public let persistence: SQLPersistence
    public let environment: CoreEnvironment
    /// Where a restore unpacks an archive: the data folder's, since the records are private.
    public let workFolder: URL
    /// What delivers the outbox's mail: `.eml` files under the data folder unless an SMTP
    /// server is configured.
    public let mailTransport: any MailTransport
    /// Wakes the realtime hub when the exchange stores an event.
    public let live: LiveSignal
    public let logger: Logger

    /// An installation over a database that is open but not yet running: `MusubiApplication`
    /// runs and migrates it as the first of its services, `run(_:)` for a command.
    public init(
        persistence: SQLPersistence, environment: CoreEnvironment, live: LiveSignal, logger: Logger, workFolder: URL, mailTransport: any MailTransport
    ) {
        self.persistence = persistence
        self.environment = environment
        self.workFolder = workFolder
        self.mailTransport = mailTransport
        self.live = live
        self.logger = logger
    }

    /// Opens the installation's database and wires the core to it. A data folder that held a
    /// database before and has none now (a volume that did not mount) is refused rather than
    /// started afresh. `readOnly` writes and creates nothing (for `export`): run it with
    /// `read(_:)`, which does not migrate.
    public static func open(_ location: Location, readOnly: Bool = false, logger: Logger) async throws -> Installation {
        let folder = DataFolder(location.dataDirectory)
        if case .sqliteFile(let path, _) = location.database { try folder.refuseIfDatabaseMissing(path) }
        let persistence = try await SQLPersistence.open(location.database, readOnly: readOnly, logger: logger)
        if !readOnly, case .sqliteFile(let path, _) = location.database { try folder.remember(database: path) }
        let secret =
            try location.sessionSecret ?? (readOnly ? folder.existingSecret() ?? RandomSecrets(key: "").newSecret() : folder.generatedSecret())
        let files = DiskFileStore(directory: URL(fileURLWithPath: location.dataDirectory).appendingPathComponent("attachments").path)
        let previews = ToolPreviews(directory: URL(fileURLWithPath: location.dataDirectory).appendingPathComponent("previews").path)
        let live = LiveSignal()
        let environment = CoreEnvironment(
            persistence: persistence, files: files, previews: previews, passwords: BcryptPasswords(), secrets: RandomSecrets(key: secret),
            exchangeEvents: live
        )
        let data = URL(fileURLWithPath: location.dataDirectory)
        return Installation(
            persistence: persistence, environment: environment, live: live, logger: logger, workFolder: data.appendingPathComponent("uploads"),
            mailTransport: try location.smtp.map { try SMTPTransport($0) } ?? EMLFileTransport(directory: data.appendingPathComponent("mail")))
    }

    /// The whole community as one archive file, written and restored (`musubi export`,
    /// `musubi restore`, the admin's download).
    public var archive: SQLCommunityArchive {
        SQLCommunityArchive(persistence: persistence, files: environment.files, workFolder: workFolder)
    }

    /// For a command: runs the database, brings its schema up to date, hands the installation
    /// to `body` and closes the database, also when `body` throws.
    public func run<T: Sendable>(_ body: @Sendable (Installation) async throws -> T) async throws -> T {
        try await running(migrating: true, body)
    }

    /// For a command that only reads (`export`): runs the database without migrating it, and
    /// refuses one whose schema is older than this version's, saying so.
    public func read<T: Sendable>(_ body: @Sendable (Installation) async throws -> T) async throws -> T {
        try await running(migrating: false, body)
    }

    private func running<T: Sendable>(migrating: Bool, _ body: @Sendable (Installation) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await persistence.run() }
            defer { group.cancelAll() }
            do {
                if migrating {
                    try await persistence.migrate()
                } else {
                    let pending = try await persistence.pendingMigrations()
                    if !pending.isEmpty { throw InstallationError.notMigrated(pending: pending) }
                }
                let result = try await body(self)
                try await persistence.close()
                return result
            } catch {
                try? await persistence.close()
                throw error
            }
        }
    }

    /// Loads the demo community when the database holds nobody; returns it if it did.
    public func loadDemoIfEmpty() async throws -> DemoCommunity? {
        guard try await persistence.isEmpty() else { return nil }
        let demo = try DemoCommunity.bundled()
        try await demo.load(into: environment)
        return demo
    }
}
