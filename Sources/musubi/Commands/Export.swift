import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole community to a zip file (every record and every stored file), reading the database without changing it.",
        discussion: """
            The archive holds every record of every table of community data, as JSON lines, and the files records keep. \
            Credentials stay behind: password hashes, sessions, API tokens, webhook secrets and invitation links. \
            `musubi restore` writes it into an empty database of either engine.
            """
    )

    @OptionGroup var options: SettingsOptions
    @Option(name: .shortAndLong, help: "The zip file to write (replaced if it exists).") var output: String

    func run() async throws {
        let output = URL(fileURLWithPath: output)
        let settings = try await options.settings()
        // Read-only and never migrated: an operator gets the data out also from a read-only
        // folder or a copy of the database.
        let summary = try await Installation.open(try settings.location, readOnly: true, logger: settings.logger).read { installation in
            try await installation.archive.export(to: output, at: Date())
        }
        let records = summary.records.values.reduce(0, +)
        say("Wrote \(records) records of \(summary.records.count) tables and \(summary.files) files to \(output.path).")
        if !summary.missingFiles.isEmpty {
            say(
                "Records name \(summary.missingFiles.count) file(s) the data folder does not have; they are not in the archive: "
                    + summary.missingFiles.joined(separator: ", "))
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an archive of `musubi export` into an empty database (SQLite or PostgreSQL), with its files.",
        discussion: """
            Ids, threads, read positions and files come back as they were, and the search index is rebuilt. \
            No password travels: people sign in again through a sign-in link (`musubi user sign-in-link`). \
            An archive that is damaged, cut short, foreign or of another version is refused, and so is a database \
            that holds records; then nothing is written.
            """
    )

    @OptionGroup var options: SettingsOptions
    @Argument(help: "The archive's zip file.") var file: String

    func run() async throws {
        let file = URL(fileURLWithPath: file)
        let summary = try await options.settings().withInstallation { installation in
            do {
                return try await installation.archive.restore(from: file)
            } catch let error as CommunityArchiveError {
                throw ValidationError(error.description)
            }
        }
        let records = summary.records.values.reduce(0, +)
        say("Restored \(records) records of \(summary.records.count) tables and \(summary.files) files.")
        if !summary.missingFiles.isEmpty {
            say("The archive names \(summary.missingFiles.count) file(s) its data folder no longer had; records that keep them show them as missing.")
        }
    }
}
