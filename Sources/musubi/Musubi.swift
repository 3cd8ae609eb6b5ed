import ArgumentParser
import Foundation

@main
struct Musubi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "musubi",
        abstract: "Musubi 結び: a platform for a region's industry, academia, government and finance network.",
        subcommands: [Serve.self, Migrate.self, Demo.self, User.self, Export.self, Import.self, Match.self, Bench.self],
        defaultSubcommand: Serve.self
    )
}

/// Writes a line to standard output at once (print buffers when output is not a terminal).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
