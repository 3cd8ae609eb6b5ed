import Foundation
import MusubiTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What an unlucky operator meets: a data volume that did not mount, a read-only folder to get
/// the data out of, a database written by an older version.
@Suite struct DataFolderTests {
    /// Starts `musubi serve` with `arguments`; gives the process and the first page it served
    /// (nil when it exited or did not answer within 15 s).
    static func serve(_ arguments: [String], in dir: URL) async throws -> (process: Process, output: Pipe, errors: Pipe, page: String?) {
        let port = Int.random(in: 20000...40000)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--data-dir", "data", "--port", String(port)] + arguments
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["MUSUBI_DATABASE_URL"] = nil
        process.environment = environment
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        for _ in 0..<150 where process.isRunning {
            if let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/organizations")!) {
                return (process, output, errors, String(decoding: data, as: UTF8.self))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return (process, output, errors, nil)
    }

    static func stop(_ process: Process) {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    @Test func serveLoadsTheDemoOnlyWhenAskedTo() async throws {
        let dir = try CommandLineTests.scratch()
        let plain = try await Self.serve([], in: dir)
        Self.stop(plain.process)
        #expect(plain.page != nil, "it serves")
        #expect(plain.page?.contains("山陰工業高等専門学校") == false, "no demo without --demo")
        let said = String(decoding: plain.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("create-admin"), "it says how to begin: \(said)")
        #expect(!said.contains("musubi-demo"))
    }

    @Test func aDataFolderThatLostItsDatabaseIsRefusedNotStartedAfresh() async throws {
        let dir = try CommandLineTests.scratch()
        let first = try await Self.serve(["--demo"], in: dir)
        Self.stop(first.process)
        #expect(first.page?.contains("山陰工業高等専門学校") == true)
        let database = dir.appendingPathComponent("data/musubi.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }

        let again = try await Self.serve(["--demo"], in: dir)
        Self.stop(again.process)
        #expect(again.page == nil, "nothing is served")
        #expect(again.process.terminationStatus != 0)
        let said = String(decoding: again.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("musubi.sqlite is missing") && said.contains("mounted"), "\(said)")
        #expect(!FileManager.default.fileExists(atPath: database.path), "no new database was made")
        // Other commands refuse too, and say so.
        let migrate = try CommandLineTests.run(["migrate", "--data-dir", "data"], in: dir)
        #expect(migrate.status != 0 && migrate.error.contains("is missing"))
    }

    @Test func exportReadsAReadOnlyFolderAndNeverMigrates() async throws {
        let dir = try CommandLineTests.scratch()
        #expect(try CommandLineTests.run(["demo", "--data-dir", "data"], in: dir).status == 0)
        let data = dir.appendingPathComponent("data")
        let database = data.appendingPathComponent("musubi.sqlite")
        let before = try Data(contentsOf: database)
        let asNobody = getuid() == 0
        if asNobody {
            // Root may write anywhere; `nobody` may not write in root's folder.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: data.path)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: data.path)
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: data.path) }
        // The archive goes to a folder anyone may write in.
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        let export = try CommandLineTests.run(["export", "-o", "out/community.zip", "--data-dir", "data"], in: dir, asNobody: asNobody)
        #expect(export.status == 0, "\(export.error)")
        #expect(try ArchiveContents(out.appendingPathComponent("community.zip")).records("members").count > 60, "the demo's people")
        #expect(try Data(contentsOf: database) == before, "the database is unchanged")
        let files = try FileManager.default.contentsOfDirectory(atPath: data.path)
        #expect(!files.contains("musubi.sqlite-wal") && !files.contains("musubi.sqlite-shm"), "\(files)")
    }

    @Test func exportRefusesADatabaseThatNeedsMigratingAndLeavesItAlone() throws {
        let dir = try CommandLineTests.scratch()
        #expect(try CommandLineTests.run(["migrate", "--data-dir", "data"], in: dir).status == 0)
        let database = dir.appendingPathComponent("data/musubi.sqlite").path
        // As an older version left it: without the newest migration.
        let older = Process()
        older.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        older.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM schema_migrations WHERE version=(SELECT MAX(version) FROM schema_migrations)'); c.commit()",
            database,
        ]
        try older.run()
        older.waitUntilExit()
        #expect(older.terminationStatus == 0)
        let export = try CommandLineTests.run(["export", "-o", "community.zip", "--data-dir", "data"], in: dir)
        #expect(export.status != 0)
        #expect(export.error.contains("Run `musubi migrate` first"), "\(export.error)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("community.zip").path), "no archive of a database it cannot read")
        let again = try CommandLineTests.run(["export", "-o", "community.zip", "--data-dir", "data"], in: dir)
        #expect(again.status != 0, "still not migrated: export changed nothing")
    }
}
