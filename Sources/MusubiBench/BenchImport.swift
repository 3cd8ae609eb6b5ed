import ArgumentParser
import Foundation
import MusubiApp
import MusubiCore
import MusubiStore
import Synchronization

/// Importing a large Slack export into an empty database, as `musubi import slack` does.
struct BenchImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a synthetic Slack export (once), then time importing it into the empty database given."
    )

    @OptionGroup var options: SettingsOptions
    @Option(help: "The development set the messages' sentences come from.") var set = "bench/matching/devset.json"
    @Option(help: "How many messages the export holds.") var messages = 1_000_000
    @Option(help: "Where the export is kept between runs.") var export = "bench-slack-export.zip"

    func run() async throws {
        let file = URL(fileURLWithPath: export)
        let clock = ContinuousClock()
        if !FileManager.default.fileExists(atPath: file.path) {
            let set = try DevelopmentSet.read(Data(contentsOf: URL(fileURLWithPath: self.set)))
            let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("musubi-bench-slack-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let took = try clock.measure {
                try SyntheticSlackExport.write(messages: messages, from: set, into: folder)
                let zip = Process()
                zip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                zip.arguments = ["python3", "bench/zip-folder.py", folder.path, file.path]
                try zip.run()
                zip.waitUntilExit()
                guard zip.terminationStatus == 0 else { throw ValidationError("bench/zip-folder.py failed") }
            }
            let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            say("wrote \(file.path): \(messages) messages, \(size / 1_000_000) MB zipped (\(took))")
        }
        let archive = try ZipExportArchive(url: file)
        try await options.settings().withInstallation { installation in
            guard try await installation.persistence.isEmpty() else {
                throw ValidationError("The database is not empty: the benchmark imports into an empty one (a fresh --data-dir).")
            }
            let started = clock.now
            let checked = Mutex<ContinuousClock.Instant?>(nil)
            let bar = ProgressBar()
            let report = try await SlackImport(installation.environment).run(archive, by: nil) { progress in
                switch progress {
                case .checking(let done, let total): bar.show("checking", done: done, total: total)
                case .writing(let done, let total):
                    checked.withLock { if $0 == nil { $0 = clock.now } }
                    bar.show("importing", done: done, total: total)
                }
            }
            bar.finish()
            let ended = clock.now
            guard let summary = report.summary else { throw ValidationError("The export was refused: \(report.problems.prefix(5))") }
            let checkedAt = checked.withLock { $0 } ?? ended
            let seconds = Double((ended - started).components.seconds) + Double((ended - started).components.attoseconds) / 1e18
            say(
                "imported \(summary.messagesImported) messages, \(summary.reactions) reactions, \(summary.channelsCreated) channels, \(summary.peopleCreated) people"
            )
            say(
                "total \(ended - started): checking \(checkedAt - started), writing \(ended - checkedAt); \(Int(Double(summary.messagesImported) / seconds)) messages/s"
            )
            say("peak memory \(Self.peakMemoryMB()) MB")
        }
    }

    /// The process's peak resident memory (Linux), in MB.
    static func peakMemoryMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
