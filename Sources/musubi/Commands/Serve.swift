import ArgumentParser
import MusubiApp
import MusubiCore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate the database (with --demo, load the demo into an empty one) and serve the site.")

    @OptionGroup var options: SettingsOptions
    @Flag(help: "Load the demo community (and its well-known password) if the database is empty: for a first look, never in production.")
    var demo = false

    func run() async throws {
        let settings = try await options.settings()
        let installation = try await Installation.open(try settings.location, logger: settings.logger)
        let (demo, address) = (demo, settings.baseURL)
        let options = MusubiApplication.Options(
            host: settings.host, port: settings.port, web: settings.webConfiguration,
            prepare: { installation in
                guard demo, let demo = try await installation.loadDemoIfEmpty() else {
                    if try await installation.persistence.isEmpty() {
                        say("The database is empty. Create the first administrator with `musubi user create-admin --email … --password …`.")
                    }
                    return
                }
                say(
                    "Loaded the demo community: \(demo.organizationCount) organisations, \(demo.memberCount) members, \(demo.listingCount) seeds and needs."
                )
                if let admin = demo.adminEmail { say("Sign in as \(admin) (or any demo member) with the password \(DemoCommunity.password)") }
            },
            onServerRunning: { _ in say("Musubi is running at \(address)  (database: \(installation.persistence.engine.rawValue))") }
        )
        try await MusubiApplication.build(installation, options).runService()
    }
}
