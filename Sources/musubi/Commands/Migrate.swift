import ArgumentParser
import MusubiApp
import MusubiCore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date.")

    @OptionGroup var options: SettingsOptions

    func run() async throws {
        try await options.settings().withInstallation { installation in
            say("The \(installation.persistence.engine.rawValue) database is up to date.")
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo community into an empty database.")

    @OptionGroup var options: SettingsOptions

    func run() async throws {
        try await options.settings().withInstallation { installation in
            guard let demo = try await installation.loadDemoIfEmpty() else {
                throw ValidationError("The database already holds people or organisations; the demo loads only into an empty one.")
            }
            say(
                "Loaded the demo: \(demo.organizationCount) organisations, \(demo.memberCount) members, \(demo.listingCount) seeds and needs. Password for every demo account: \(DemoCommunity.password)"
            )
        }
    }
}
