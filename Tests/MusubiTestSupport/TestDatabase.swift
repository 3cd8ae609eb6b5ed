import Foundation
import Logging
import MusubiApp
import MusubiCore
import MusubiStore
import MusubiWeb

/// The databases every store and web suite runs on: SQLite in memory always, and PostgreSQL
/// too when MUSUBI_TEST_POSTGRES_URL is set (CI sets it). Each test gets a database of its
/// own: a fresh in-memory SQLite, or a fresh schema in the PostgreSQL database.
public enum TestDatabase: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["MUSUBI_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The engines to test on here.
    public static var available: [TestDatabase] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public var description: String { rawValue }

    func location() throws -> DatabaseLocation {
        switch self {
        case .sqlite:
            return .sqliteMemory
        case .postgres:
            guard let url = Self.postgresURL else { throw TestDatabaseError.postgresNotConfigured }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            // Every test has a pool of its own and many run at once: a small pool each keeps
            // them within the server's max_connections.
            return try DatabaseLocation.parse(url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pool=2")
        }
    }

    /// A logger that says only what a test should hear of.
    public static var logger: Logger {
        var logger = Logger(label: "musubi.test")
        logger.logLevel = .warning
        return logger
    }

    /// Opens a fresh, empty database without running or migrating it: for an application
    /// whose database service does both.
    public func open() async throws -> SQLPersistence {
        try await SQLPersistence.open(try location(), logger: Self.logger)
    }

    /// Opens a migrated, empty database, runs `body` with it and closes it.
    public func with<T: Sendable>(_ body: @Sendable (SQLPersistence) async throws -> T) async throws -> T {
        let persistence = try await open()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await persistence.run() }
            defer { group.cancelAll() }
            do {
                try await persistence.migrate()
                let result = try await body(persistence)
                try await persistence.close()
                return result
            } catch {
                try? await persistence.close()
                throw error
            }
        }
    }
}

public enum TestDatabaseError: Error {
    case postgresNotConfigured
}

/// A clock the test moves by hand.
public final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        self.current = start
    }

    public var now: Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

extension CoreEnvironment {
    /// The real components, with bcrypt at its lowest cost so tests stay fast (previews are
    /// made by the Debian tools when the machine has them).
    public static func testing(
        _ persistence: any Persistence, clock: TestClock = TestClock(), events: any ExchangeEventPublisher = SilentExchangeEvents()
    ) -> CoreEnvironment {
        CoreEnvironment(
            persistence: persistence, files: DiskFileStore(directory: TestFolders.new("files").path),
            previews: ToolPreviews(directory: TestFolders.new("previews").path), passwords: BcryptPasswords(cost: 4),
            secrets: RandomSecrets(key: "test-key"),
            now: { clock.now }, exchangeEvents: events
        )
    }
}
