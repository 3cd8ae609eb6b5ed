import Foundation
import MusubiStore
import MusubiTestSupport
import SQLKit
import Testing

@testable import MusubiCore

/// The whole community leaves as one archive and comes back into an empty database of either
/// engine as it was; what is not an archive of this Musubi is refused with nothing written.
@Suite struct CommunityArchiveTests {
    /// A database with its own file store, as an installation has.
    struct Site {
        let persistence: SQLPersistence
        let env: CoreEnvironment
        let workFolder = TestFolders.new("archive-work")
        var archive: SQLCommunityArchive { SQLCommunityArchive(persistence: persistence, files: env.files, workFolder: workFolder) }
    }

    static func site(_ database: TestDatabase, _ body: @Sendable (Site) async throws -> Void) async throws {
        try await database.with { persistence in try await body(Site(persistence: persistence, env: .testing(persistence))) }
    }

    /// The demo, a Slack workspace with its files, and a message with a file posted and read.
    static func fill(_ site: Site) async throws {
        try await DemoCommunity.bundled().load(into: site.env)
        _ = try await SlackImportTests.run(SlackImportTests.withCarriedFiles(), site.env)
        let tanaka = try #require(try await site.persistence.read { try await $0.members.all() }.first { $0.name == "田中 健司" })
        let general = try #require(try await Exchange(site.env).channels(.member(id: tanaka.id, role: tanaka.role)).first { $0.title == "general" })
        let actor = Requester.member(id: tanaka.id, role: tanaka.role)
        // Posting reads the channel up to the new message.
        _ = try await Exchange(site.env).post(
            actor, channelID: general.channel.id, body: "報告書です", files: [Upload(filename: "報告書.pdf", data: MessageFileTests.pdf)])
    }

    static func exported(_ site: Site) async throws -> (URL, ArchiveContents) {
        let file = TestFolders.new("archive").appendingPathComponent("community.zip")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = try await site.archive.export(to: file, at: site.env.now())
        return (file, try ArchiveContents(file))
    }

    @Test(arguments: TestDatabase.available)
    func everyTableIsCarriedOrLeftOutForAReason(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let tables = Set(try await persistence.tableNames())
            let accounted = Set(SQLCommunityArchive.carriedTables + SQLCommunityArchive.leftOutTables.keys)
            #expect(tables.subtracting(accounted).isEmpty, "a new table must be carried, or left out with a reason: \(tables.subtracting(accounted))")
            #expect(accounted.subtracting(tables).isEmpty, "\(accounted.subtracting(tables))")
        }
    }

    /// Export, restore into the other engine, export again: the archives are the same but for
    /// the time they were written, and the restored community works.
    @Test(arguments: TestDatabase.available)
    func aCommunityRestoredIntoTheOtherEngineIsTheSame(_ target: TestDatabase) async throws {
        let source: TestDatabase = target == .sqlite && TestDatabase.available.contains(.postgres) ? .postgres : .sqlite
        try await Self.site(source) { original in
            try await Self.fill(original)
            let (file, first) = try await Self.exported(original)
            let carried = try #require(first.manifest["files"] as? [String])
            #expect(first.records("messages").count > 20 && first.records("message_files").count == carried.count && carried.count >= 3)
            let reader = try #require(try await original.persistence.read { try await $0.members.all() }.first { $0.name == "田中 健司" })
            let actor = Requester.member(id: reader.id, role: reader.role)
            let searched = try await Exchange(original.env).search(actor, query: "報告書", order: .newest, page: 1, timeZone: .current)

            try await Self.site(target) { restored in
                let summary = try await restored.archive.restore(from: file)
                #expect(summary.files == carried.count && summary.records["messages"] == first.records("messages").count)
                let (_, second) = try await Self.exported(restored)
                #expect(Set(first.entries.keys) == Set(second.entries.keys))
                for (path, data) in first.entries where path != "musubi-archive.json" {
                    #expect(second.entries[path] == data, "\(path) is the same")
                }
                var (before, after) = (first.manifest, second.manifest)
                (before["exportedAt"], after["exportedAt"]) = (nil, nil)
                #expect(NSDictionary(dictionary: before) == NSDictionary(dictionary: after), "the manifests differ only in their time")

                // The restored community works: search, files, new ids, and no password.
                let found = try await Exchange(restored.env).search(actor, query: "報告書", order: .newest, page: 1, timeZone: .current)
                #expect(found.total == searched.total && found.total == 1)
                let kept = try #require(first.records("message_files").first?["stored_name"] as? String)
                #expect(try await restored.env.files.read(kept) == original.env.files.read(kept))
                let general = try #require(try await Exchange(restored.env).channels(actor).first { $0.title == "general" })
                #expect(general.unread.messages == 0, "read positions came back")
                let newest = try #require(first.records("messages").compactMap { $0["id"] as? Int }.max())
                let posted = try await Exchange(restored.env).post(actor, channelID: general.channel.id, body: "移ってきました")
                #expect(posted.id == Int64(newest) + 1, "ids continue after the restored ones")
                #expect(try await restored.persistence.read { try await $0.accounts.account(memberID: reader.id) }?.passwordHash == "")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func credentialsNeverLeave(_ database: TestDatabase) async throws {
        try await Self.site(database) { site in
            try await Self.fill(site)
            let people = try await site.persistence.read { try await $0.members.all() }
            let admin = try #require(people.first { $0.role == .admin })
            let member = try #require(people.first { $0.role == .member && $0.status == .active })
            _ = try await PeopleAdministration(site.env).issueSignInLink(.member(id: admin.id, role: .admin), memberID: member.id)
            let hashes = try await site.persistence.read { repos in
                var hashes: [String] = []
                for member in try await repos.members.all() {
                    hashes += [try await repos.accounts.account(memberID: member.id)?.passwordHash].compactMap { $0 }
                }
                return hashes
            }
            let (_, archive) = try await Self.exported(site)
            let text = archive.entries.values.map { String(decoding: $0, as: UTF8.self) }.joined()
            for hash in hashes where !hash.isEmpty { #expect(!text.contains(hash)) }
            #expect(archive.records("members").allSatisfy { $0["password_hash"] == nil })
            #expect(archive.records("invitations").allSatisfy { $0["digest"] == nil } && !archive.records("invitations").isEmpty)
            #expect(archive.entries.keys.allSatisfy { !$0.contains("sessions") && !$0.contains("api_tokens") && !$0.contains("webhooks") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDamagedForeignOrNewerArchiveIsRefusedAndNothingIsWritten(_ target: TestDatabase) async throws {
        try await Self.site(.sqlite) { original in
            try await Self.fill(original)
            let (_, good) = try await Self.exported(original)
            let folder = TestFolders.new("bad-archives")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            func variant(_ name: String, _ change: (inout ArchiveContents) throws -> Void) throws -> URL {
                var contents = good
                try change(&contents)
                let url = folder.appendingPathComponent(name + ".zip")
                try contents.zipped(to: url)
                return url
            }
            func manifest(_ change: @escaping (inout [String: Any]) -> Void) -> (inout ArchiveContents) throws -> Void {
                { contents in
                    var manifest = contents.manifest
                    change(&manifest)
                    contents.entries["musubi-archive.json"] = try JSONSerialization.data(withJSONObject: manifest)
                }
            }
            let notZip = folder.appendingPathComponent("not.zip")
            try Data("PK not really".utf8).write(to: notZip)
            let zipped = try variant("good") { _ in }
            let half = folder.appendingPathComponent("half.zip")
            try Data(try Data(contentsOf: zipped).prefix(40_000)).write(to: half)
            let members = try #require(good.entries["tables/members.jsonl"])
            let lines = members.split(separator: UInt8(ascii: "\n"))
            let cases: [(String, URL, CommunityArchiveError)] = [
                ("not a zip file", notZip, .notAnArchive),
                ("cut in half", half, .notAnArchive),
                ("no manifest", try variant("bare") { $0.entries["musubi-archive.json"] = nil }, .notAnArchive),
                ("foreign", try variant("foreign", manifest { $0["format"] = "something-else" }), .foreign),
                ("newer", try variant("newer", manifest { $0["version"] = 2 }), .newerFormat(2)),
                (
                    "older schema", try variant("older", manifest { $0["schemaVersion"] = 3 }),
                    .otherSchema(archive: 3, here: good.manifest["schemaVersion"] as? Int ?? 0)
                ),
                (
                    "a record short",
                    try variant("short") { $0.entries["tables/members.jsonl"] = Data(lines.dropLast().joined(separator: [10]) + [10]) },
                    .damaged(entry: "tables/members.jsonl", why: "it holds \(lines.count - 1) records where the manifest says \(lines.count)")
                ),
                (
                    "a damaged record",
                    try variant("damaged") {
                        $0.entries["tables/members.jsonl"] = Data("{\"id\": 1,\n".utf8) + Data(lines.dropFirst().joined(separator: [10]) + [10])
                    },
                    .damaged(entry: "tables/members.jsonl", why: "record 1: a line is not a JSON object")
                ),
                (
                    "a missing file",
                    try variant("nofile") { contents in
                        contents.entries = contents.entries.filter { !$0.key.hasPrefix("files/") || $0.key.hasSuffix("x") }
                    },
                    .damaged(entry: "files/" + ((good.manifest["files"] as? [String])?.first ?? ""), why: "it is missing")
                ),
            ]
            try await Self.site(target) { restored in
                for (name, file, expected) in cases {
                    await #expect(throws: expected, "\(name)") { try await restored.archive.restore(from: file) }
                    #expect(try await restored.persistence.rowCounts().values.allSatisfy { $0 == 0 }, "\(name): nothing written")
                    #expect(try await restored.env.files.names(savedBefore: .distantFuture).isEmpty, "\(name): no file kept")
                }
                // Into a database that holds records: refused, and what it holds is untouched.
                _ = try await Community.seed(restored.env)
                let before = try await restored.persistence.rowCounts()
                await #expect(throws: CommunityArchiveError.targetNotEmpty(table: "fields")) { try await restored.archive.restore(from: zipped) }
                #expect(try await restored.persistence.rowCounts() == before)
            }
        }
    }
}
