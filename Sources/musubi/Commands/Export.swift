import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write all data as JSON (to a file, or to standard output), reading the database without changing it.")

    @OptionGroup var options: SettingsOptions
    @Option(name: .shortAndLong, help: "File to write; standard output when omitted.") var output: String?

    func run() async throws {
        let output = output
        let settings = try await options.settings()
        // Read-only and never migrated: an operator gets the data out also from a read-only
        // folder or a copy of the database.
        try await Installation.open(try settings.location, readOnly: true, logger: settings.logger).read { installation in
            let export = try await Operations(installation.environment).export()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let data = try encoder.encode(export)
            if let output {
                try data.write(to: URL(fileURLWithPath: output))
                FileHandle.standardError.write(
                    Data("Wrote \(export.members.count) members and \(export.organizations.count) organisations to \(output)\n".utf8))
            } else {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        }
    }
}
