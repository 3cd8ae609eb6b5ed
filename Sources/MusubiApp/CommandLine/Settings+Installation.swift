import Foundation
import Logging
import MusubiCore
import MusubiWeb

extension Settings {
    public var location: Installation.Location {
        get throws {
            Installation.Location(database: try databaseLocation, dataDirectory: dataDirectory, sessionSecret: sessionSecret, smtp: smtp)
        }
    }

    public var logger: Logger {
        var logger = Logger(label: "musubi")
        logger.logLevel = ProcessInfo.processInfo.environment["MUSUBI_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }

    /// Opens the installation for a command: its database runs, migrated, for the length of `body`.
    public func withInstallation<T: Sendable>(_ body: @Sendable (Installation) async throws -> T) async throws -> T {
        try await Installation.open(try location, logger: logger).run(body)
    }

    /// The web layer's settings; the installation's name is the demo's unless one is set.
    public var webConfiguration: WebConfiguration {
        let bundledDemo = try? DemoCommunity.bundled()
        return WebConfiguration(
            installationName: siteName ?? bundledDemo?.installation.name ?? "Musubi 結び",
            installationNameEn: siteNameEn ?? bundledDemo?.installation.nameEn ?? "Musubi",
            publicBaseURL: baseURL,
            defaultLanguage: defaultLanguage,
            themeDirectory: themeDirectory,
            timeZone: TimeZone(identifier: timeZone)!,
            trustedProxies: trustedProxies,
            uploadsDirectory: URL(fileURLWithPath: dataDirectory).appendingPathComponent("uploads").path,
            mailFrom: mailFrom, digestSchedule: digestSchedule, mailTracking: mailTracking
        )
    }
}
