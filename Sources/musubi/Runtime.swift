import Foundation
import Logging
import MusubiCore
import MusubiStore
import MusubiWeb

/// The one place that knows every concrete type: it opens the database and wires the core
/// to it, then hands the open installation to a command for the length of `body`.
struct Runtime {
    let settings: Settings
    let persistence: SQLPersistence
    let environment: CoreEnvironment
    /// Wakes the realtime hub when the exchange stores an event.
    let live: LiveSignal
    let logger: Logger

    static func with<T: Sendable>(_ settings: Settings, _ body: @Sendable (Runtime) async throws -> T) async throws -> T {
        var logger = Logger(label: "musubi")
        logger.logLevel = ProcessInfo.processInfo.environment["MUSUBI_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let location = try settings.databaseLocation
        let persistence = try await SQLPersistence.open(location, logger: logger)
        let secret = try settings.sessionSecret ?? Self.generatedSecret(in: settings.dataDirectory)
        let files = DiskFileStore(directory: URL(fileURLWithPath: settings.dataDirectory).appendingPathComponent("attachments").path)
        let live = LiveSignal()
        let environment = CoreEnvironment(persistence: persistence, files: files, passwords: BcryptPasswords(), secrets: RandomSecrets(key: secret), exchangeEvents: live)
        let runtime = Runtime(settings: settings, persistence: persistence, environment: environment, live: live, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await persistence.run() }
            do {
                try await persistence.migrate()
                let result = try await body(runtime)
                group.cancelAll()
                try await persistence.close()
                return result
            } catch {
                group.cancelAll()
                try? await persistence.close()
                throw error
            }
        }
    }

    /// A random key kept in the data folder (readable by the owner only), made on first use.
    static func generatedSecret(in directory: String) throws -> String {
        let url = URL(fileURLWithPath: directory).appendingPathComponent("session-secret")
        if let existing = try? String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), existing.count >= 32 {
            return existing
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let secret = RandomSecrets(key: "").newSecret()
        guard FileManager.default.createFile(atPath: url.path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return secret
    }

    /// Loads the demo community when the database holds nobody; returns it if it did.
    func loadDemoIfEmpty() async throws -> DemoCommunity? {
        guard try await persistence.isEmpty() else { return nil }
        let demo = try DemoCommunity.bundled()
        try await demo.load(into: environment)
        return demo
    }
}
