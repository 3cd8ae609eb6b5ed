import ArgumentParser
import MusubiApp
import MusubiBench

@main
struct Musubi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "musubi",
        abstract: "Musubi 結び: a platform for a region's industry, academia, government and finance network.",
        subcommands: [Serve.self, Migrate.self, Demo.self, User.self, Export.self, Restore.self, Import.self, Match.self, Digest.self, Bench.self],
        defaultSubcommand: Serve.self
    )
}
