import ArgumentParser
import Foundation
import Hummingbird
import MusubiCore
import MusubiStore
import MusubiWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migrate the database, load the demo into an empty one, and serve the site.")

    @OptionGroup var options: SettingsOptions
    @Flag(name: .customLong("no-demo"), help: "Do not load the demo community into an empty database.") var noDemo = false

    func run() async throws {
        let settings = try await options.settings()
        let noDemo = self.noDemo
        try await Runtime.with(settings) { runtime in
            let demo = noDemo ? nil : try await runtime.loadDemoIfEmpty()
            let bundledDemo = noDemo ? nil : try? DemoCommunity.bundled()
            let configuration = WebConfiguration(
                installationName: settings.siteName ?? bundledDemo?.installation.name ?? "Musubi 結び",
                installationNameEn: settings.siteNameEn ?? bundledDemo?.installation.nameEn ?? "Musubi",
                publicBaseURL: settings.baseURL,
                defaultLanguage: settings.defaultLanguage,
                themeDirectory: settings.themeDirectory,
                timeZone: TimeZone(identifier: settings.timeZone)!,
                trustedProxies: settings.trustedProxies
            )
            let clock = ContinuousClock()
            let indexing = try await clock.measure { try await Matchmaking(runtime.environment).rebuildIndex() }
            runtime.logger.info("matching index built", metadata: ["listings": "\(runtime.environment.matchIndex.count)", "duration": "\(indexing)"])
            let hub = LiveHub(signal: runtime.live, exchange: Exchange(runtime.environment), accounts: Accounts(runtime.environment, throttle: SignInThrottle()), timeZone: configuration.timeZone, logger: runtime.logger)
            let site = try Site(environment: runtime.environment, configuration: configuration, archives: ZipArchives(), live: hub)
            let app = MusubiWeb.application(site: site, host: settings.host, port: settings.port, logger: runtime.logger, services: [hub, HourlyUpkeep(runtime.environment, logger: runtime.logger)])
            say("Musubi is running at \(settings.baseURL)  (database: \(runtime.persistence.engine.rawValue))")
            if let demo, let admin = demo.adminEmail {
                say("Loaded the demo community: \(demo.organizationCount) organisations, \(demo.memberCount) members, \(demo.listingCount) seeds and needs.")
                say("Sign in as \(admin) (or any demo member) with the password \(DemoCommunity.password)")
            }
            try await app.runService()
        }
    }
}
