import Foundation
import MusubiTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `musubi` executable as an operator runs it, against a data folder of its own.
@Suite(.serialized) struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static var binary: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent().appendingPathComponent("musubi")
    }

    /// Runs the command; `asNobody` runs it as the unprivileged user `nobody` (when the tests
    /// run as root, for whom no file is read-only).
    static func run(_ arguments: [String], in directory: URL, asNobody: Bool = false) throws -> Run {
        let process = Process()
        if asNobody {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["MUSUBI_DATABASE_URL"] = nil
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    static func scratch() throws -> URL {
        let url = TestFolders.new("cli")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func matchRanksSeedsForEachNeedFromJSONOrCSV() throws {
        let dir = try Self.scratch()
        let needs =
            #"[{"id": "n1", "title": "微細気泡で生け簀の酸素を増やしたい", "body": "", "sector": "industry"},"#
            + #" {"id": "n2", "title": "チタン部品を精密に削りたい", "body": "医療用の小さな部品", "fields": ["medical"]}]"#
        try Data(needs.utf8).write(to: dir.appendingPathComponent("needs.json"))
        let seeds =
            "id,title,body,fields,sector\n" + "s1,マイクロバブル発生装置,泡を安定して作る,fine-bubble,academia\n"
            + "s2,難削材の切削加工,チタンとインコネルの精密加工,machining;titanium,industry\n" + "s3,地域金融の事業承継支援,,,finance\n"
        try Data(seeds.utf8).write(to: dir.appendingPathComponent("seeds.csv"))
        let ranked = try Self.run(["match", "--needs", "needs.json", "--seeds", "seeds.csv", "--top", "2"], in: dir)
        #expect(ranked.status == 0, "\(ranked.error)")
        let result = try JSONSerialization.jsonObject(with: Data(ranked.output.utf8)) as? [String: [String]]
        #expect(result?["n1"]?.first == "s1")
        #expect(result?["n2"]?.first == "s2")
        #expect(result?.keys.sorted() == ["n1", "n2"])

        try Data(#"[{"id": "x"}, {"title": "no id"}, {"id": "x", "title": "t", "sector": "bank"}]"#.utf8).write(
            to: dir.appendingPathComponent("bad.json"))
        let refused = try Self.run(["match", "--needs", "bad.json", "--seeds", "seeds.csv"], in: dir)
        #expect(refused.status != 0)
        #expect(refused.error.contains("entry 1: title is missing"))
        #expect(refused.error.contains("entry 2: id is missing"))
        #expect(refused.error.contains("entry 3: unknown sector 'bank'"))
        #expect(try Self.run(["match", "--needs", "missing.json", "--seeds", "seeds.csv"], in: dir).error.contains("Cannot read missing.json"))
    }

    @Test func importChecksEveryRowAndImportsAllOrNothing() throws {
        let dir = try Self.scratch()
        #expect(try Self.run(["demo", "--data-dir", "data"], in: dir).status == 0)
        let bad =
            "メールアドレス,氏名,所属,分野\n" + "new.one@example.jp,新人 一号,山陰工業高等専門学校,ファインバブル\n" + "not-an-email,新人 二号,,\n" + "admin@example.jp,重複 さん,,\n"
            + "new.four@example.jp,,存在しない組織,存在しない分野\n"
        try #require(bad.data(using: .shiftJIS)).write(to: dir.appendingPathComponent("bad.csv"))
        let refused = try Self.run(["import", "members", "bad.csv", "--data-dir", "data"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.output.contains("line 3: email"))
        #expect(refused.output.contains("line 4: email: This e-mail address is already registered."))
        #expect(refused.output.contains("line 5: name"))
        #expect(refused.output.contains("line 5: organization"))
        #expect(refused.output.contains("line 5: fields"))
        #expect(!refused.output.contains("line 2"))
        #expect(refused.error.contains("nothing was imported"))

        let good =
            "\u{FEFF}email,name,nameKana,organization,fields,keywords\n" + "new.one@example.jp,新人 一号,しんじん いちごう,山陰工業高等専門学校,ファインバブル,\"微細気泡;洗浄\"\n"
            + "new.two@example.jp,新人 二号,,,水素技術,\n"
        try Data(good.utf8).write(to: dir.appendingPathComponent("good.csv"))
        let dry = try Self.run(["import", "members", "good.csv", "--dry-run", "--data-dir", "data"], in: dir)
        #expect(dry.status == 0)
        #expect(dry.output.contains("All 2 rows are valid"))
        #expect(try Self.run(["export", "-o", "before.zip", "--data-dir", "data"], in: dir).status == 0)
        #expect(
            !(try ArchiveContents(dir.appendingPathComponent("before.zip")).records("members").contains {
                $0["email"] as? String == "new.one@example.jp"
            }))

        let imported = try Self.run(["import", "members", "good.csv", "--data-dir", "data"], in: dir)
        #expect(imported.status == 0)
        #expect(imported.output.contains("Imported 2 members"))
        let exported = try Self.run(["export", "-o", "after.zip", "--data-dir", "data"], in: dir)
        #expect(exported.output.contains("to \(dir.appendingPathComponent("after.zip").path)"), "\(exported.output)")
        let archive = try ArchiveContents(dir.appendingPathComponent("after.zip"))
        let members = archive.records("members")
        #expect(members.count == 66)
        #expect(members.contains { $0["email"] as? String == "new.one@example.jp" })
        #expect(!archive.entries.values.contains { String(decoding: $0, as: UTF8.self).contains("$2b$") }, "password hashes never leave")
    }

    /// A community moves to a new data folder (or database) with export and restore, and its
    /// administrator signs in again through a link printed at the command line.
    @Test func aCommunityMovesWithExportAndRestore() throws {
        let dir = try Self.scratch()
        #expect(try Self.run(["demo", "--data-dir", "old"], in: dir).status == 0)
        #expect(try Self.run(["export", "-o", "community.zip", "--data-dir", "old"], in: dir).status == 0)
        let restored = try Self.run(["restore", "community.zip", "--data-dir", "new"], in: dir)
        #expect(restored.status == 0, "\(restored.error)")
        #expect(restored.output.contains("Restored "), "\(restored.output)")
        let again = try Self.run(["restore", "community.zip", "--data-dir", "new"], in: dir)
        #expect(again.status != 0 && again.error.contains("The database is not empty (fields has records)"), "\(again.error)")
        let link = try Self.run(["user", "sign-in-link", "--email", "admin@example.jp", "--data-dir", "new"], in: dir)
        #expect(link.status == 0 && link.output.contains("/invitations/"), "\(link.output) \(link.error)")
        let nobody = try Self.run(["user", "sign-in-link", "--email", "nobody@example.jp", "--data-dir", "new"], in: dir)
        #expect(nobody.status != 0 && nobody.error.contains("Nobody has the address nobody@example.jp."))
        try Data("not a zip".utf8).write(to: dir.appendingPathComponent("broken.zip"))
        let broken = try Self.run(["restore", "broken.zip", "--data-dir", "empty"], in: dir)
        #expect(broken.status != 0 && broken.error.contains("This is not a Musubi archive"), "\(broken.error)")
    }

    @Test func slackImportReportsProblemsOrImportsOnceWithASummary() throws {
        let dir = try Self.scratch()
        #expect(try Self.run(["migrate", "--data-dir", "data"], in: dir).status == 0)
        var export = SlackExportFile.sample()
        export.set("general/2024-01-14.json", data: Data("[{\"type\": ".utf8))
        let refused = try Self.run(["import", "slack", try export.zipped().path, "--data-dir", "data"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.output.contains("general/2024-01-14.json: Not JSON, or not shaped like a Slack export."), "\(refused.output)")
        #expect(refused.error.contains("1 problem(s) in the export; nothing was imported."))

        // A person users.json does not list: imported, and said first.
        export.set("general/2024-01-14.json", json: [["type": "message", "user": "U42", "ts": SlackExportFile.ts(9), "text": "誰?"]])
        let sample = try export.zipped()
        let imported = try Self.run(["import", "slack", sample.path, "--data-dir", "data"], in: dir)
        #expect(imported.status == 0, "\(imported.error)")
        let warned = "Imported, but 1 thing(s) did not arrive as the export has them; check them:\n  ! general/2024-01-14.json: A person users.json"
        #expect(imported.output.contains(warned), "\(imported.output)")
        #expect(imported.output.contains("People: 4 new (they sign in once invited), 0 already here, 1 from outside the workspace (no account)."))
        #expect(imported.output.contains("Messages: 14 imported, 0 already here, 2 notices skipped."))
        let again = try Self.run(["import", "slack", sample.path, "--data-dir", "data"], in: dir)
        #expect(again.output.contains("Messages: 0 imported, 14 already here"))

        try Data("not a zip".utf8).write(to: dir.appendingPathComponent("export.zip"))
        let notZip = try Self.run(["import", "slack", "export.zip", "--data-dir", "data"], in: dir)
        #expect(notZip.status != 0 && notZip.error.contains("export.zip is not a zip file that can be read"))
    }

    @Test func createAdminChecksItsInputAndCreatesAnAccount() throws {
        let dir = try Self.scratch()
        let weak = try Self.run(["user", "create-admin", "--email", "boss@example.jp", "--password", "short", "--data-dir", "data"], in: dir)
        #expect(weak.status != 0)
        #expect(weak.error.contains("10 characters"))
        let created = try Self.run(
            ["user", "create-admin", "--email", "boss@example.jp", "--password", "a good long password", "--data-dir", "data"], in: dir)
        #expect(created.status == 0)
        #expect(created.output.contains("Created administrator"))
        let again = try Self.run(
            ["user", "create-admin", "--email", "boss@example.jp", "--password", "a good long password", "--data-dir", "data"], in: dir)
        #expect(again.status != 0)
        #expect(again.error.contains("already registered"))
        // The demo refuses a database that holds people already.
        #expect(try Self.run(["demo", "--data-dir", "data"], in: dir).status != 0)
    }

    @Test func serveMigratesLoadsTheDemoAndAnswers() async throws {
        let dir = try Self.scratch()
        let port = Int.random(in: 20000...40000)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--demo", "--data-dir", "data", "--port", String(port)]
        process.currentDirectoryURL = dir
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var body = ""
        for _ in 0..<100 {
            if let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/organizations")!) {
                body = String(decoding: data, as: UTF8.self)
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(body.contains("山陰工業高等専門学校"))
        process.terminate()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("http://127.0.0.1:\(port)"))
        #expect(printed.contains("admin@example.jp"))
        #expect(printed.contains("musubi-demo"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("data/musubi.sqlite").path))
    }

    @Test func badSettingsAreRefusedWithAClearMessage() throws {
        let dir = try Self.scratch()
        let port = try Self.run(["migrate", "--port", "99999", "--data-dir", "data"], in: dir)
        #expect(port.status != 0)
        #expect(port.error.contains("port"))
        let url = try Self.run(["migrate", "--database-url", "mysql://x"], in: dir)
        #expect(url.status != 0)
        #expect(url.error.contains("Unsupported database URL"))
    }
}
