import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore
import MusubiStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data.", subcommands: [Members.self, Slack.self])

    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import members from a CSV file (UTF-8 with or without BOM, or Shift_JIS).",
            discussion:
                "Columns: email, name (required), nameKana, organization (an existing organisation's name), role (guest/member/coordinator), title, keywords, offer, seeking, fields, languages. Japanese headers (メールアドレス, 氏名, ふりがな, 所属, …) work too. If any row is bad, nothing is imported."
        )

        @OptionGroup var options: SettingsOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(name: .customLong("dry-run"), help: "Check every row and report, without importing.") var dryRun = false

        func run() async throws {
            let (file, dryRun) = (file, dryRun)
            let table: CSVTable
            do {
                table = try CSVTable(data: Data(contentsOf: URL(fileURLWithPath: file)))
            } catch let error as CSVTable.ReadError {
                throw ValidationError(CommandLineMessages.describe(error))
            } catch {
                throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
            }
            try await options.settings().withInstallation { installation in
                let report = try await MemberImport(installation.environment).run(table, dryRun: dryRun)
                for problem in report.problems {
                    say("line \(problem.line): \(problem.column): \(CommandLineMessages.text(problem.key))")
                }
                if !report.problems.isEmpty {
                    throw ExitCode(1).withMessage("\(report.problems.count) problem(s) in \(report.rows) row(s); nothing was imported.")
                }
                say(dryRun ? "All \(report.rows) rows are valid (dry run; nothing imported)." : "Imported \(report.imported) members.")
            }
        }
    }

    struct Slack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a Slack workspace export (the zip file of Slack's \"Export data\").",
            discussion: """
                Brings over people (as accounts that an invitation claims, or the members who already have their e-mail address), \
                public and private channels with their members, direct and group conversations, and every message with its time, \
                author, thread, reactions, edit mark and file links. The whole export is checked first: if anything is wrong, \
                every problem is listed and nothing is imported. Importing the same export again adds nothing.
                """
        )

        @OptionGroup var options: SettingsOptions
        @Argument(help: "The export's zip file.") var file: String

        func run() async throws {
            let archive: ZipExportArchive
            do {
                archive = try ZipExportArchive(url: URL(fileURLWithPath: file))
            } catch {
                throw ValidationError("\(file) is not a zip file that can be read (a Slack export is one).")
            }
            try await options.settings().withInstallation { installation in
                let bar = ProgressBar()
                let report = try await SlackImport(installation.environment).run(archive, by: nil) { progress in
                    switch progress {
                    case .checking(let done, let total): bar.show("checking", done: done, total: total)
                    case .writing(let done, let total): bar.show("importing", done: done, total: total)
                    }
                }
                bar.finish()
                CommandLineMessages.describe(report.problems, more: report.moreProblems).forEach(say)
                if report.refused {
                    let count = report.problems.count + report.moreProblems
                    throw ExitCode(1).withMessage("\(count) problem(s) in the export; nothing was imported.")
                }
                if !report.warnings.isEmpty {
                    let count = report.warnings.count + report.moreWarnings
                    say("Imported, but \(count) thing(s) did not arrive as the export has them; check them:")
                    for line in CommandLineMessages.describe(report.warnings, more: report.moreWarnings) { say("  ! " + line) }
                }
                if let summary = report.summary { CommandLineMessages.describe(summary).forEach(say) }
            }
        }
    }
}

extension ExitCode {
    func withMessage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return self
    }
}
