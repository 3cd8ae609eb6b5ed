import ArgumentParser
import Foundation
import MusubiCore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data.", subcommands: [Members.self])

    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import members from a CSV file (UTF-8 with or without BOM, or Shift_JIS).",
            discussion: "Columns: email, name (required), nameKana, organization (an existing organisation's name), role (guest/member/coordinator), title, keywords, offer, seeking, fields, languages. Japanese headers (メールアドレス, 氏名, ふりがな, 所属, …) work too. If any row is bad, nothing is imported."
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
            try await Runtime.with(try await options.settings()) { runtime in
                let report = try await MemberImport(runtime.environment).run(table, dryRun: dryRun)
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
}

extension ExitCode {
    func withMessage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return self
    }
}
