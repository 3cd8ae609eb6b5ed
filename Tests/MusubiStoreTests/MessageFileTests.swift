import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Synchronization
import Testing

/// Files posted with messages: kept in the file store with the message, fetched only by those
/// who may see the channel, found by name and by `has:file`, and dropped from the store when
/// the message is deleted or expires, or when posting fails.
@Suite struct MessageFileTests {
    /// The disk store, remembering which names it holds.
    final class KeptFiles: FileStore {
        let disk = DiskFileStore(directory: TestFolders.new("files").path)
        let names = Mutex<Set<String>>([])

        func save(_ data: Data) async throws -> String {
            let name = try await disk.save(data)
            names.withLock { _ = $0.insert(name) }
            return name
        }

        func save(_ data: Data, as name: String) async throws {
            try await disk.save(data, as: name)
            names.withLock { _ = $0.insert(name) }
        }

        func read(_ name: String) async throws -> Data { try await disk.read(name) }
        func names(savedBefore date: Date) async throws -> [String] { try await disk.names(savedBefore: date) }

        func delete(_ name: String) async throws {
            try await disk.delete(name)
            names.withLock { _ = $0.remove(name) }
        }

        var count: Int { names.withLock { $0.count } }
    }

    static let pdf = Data("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])
    static let zone = TimeZone(identifier: "Asia/Tokyo")!

    static func environment(_ persistence: SQLPersistence, _ files: KeptFiles, clock: TestClock = TestClock()) -> CoreEnvironment {
        let base = CoreEnvironment.testing(persistence, clock: clock)
        return CoreEnvironment(persistence: persistence, files: files, passwords: base.passwords, secrets: base.secrets, now: base.now)
    }

    @Test(arguments: TestDatabase.available)
    func filesAreKeptShownAndFoundOnlyWhereTheChannelIsSeen(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let files = KeptFiles()
            let c = try await Community.seed(Self.environment(persistence, files))
            let exchange = Exchange(c.env)
            let (member, coordinator, guest) = (c.actor(c.member), c.actor(c.coordinator), c.actor(c.guest))
            let seeded = files.count

            // A file with text, and a file alone, in the private room; a file in the lobby.
            let report = try await exchange.post(
                member, channelID: c.room.id, body: "試験の報告です",
                files: [Upload(filename: "C:\\書類\\養殖試験 報告書.pdf", data: Self.pdf)])
            let alone = try await exchange.post(member, channelID: c.room.id, body: "  ", files: [Upload(filename: "水槽の写真.png", data: Self.png)])
            let open = try await exchange.post(
                coordinator, channelID: c.lobby.id, body: "公開の資料", files: [Upload(filename: "公開資料.pdf", data: Self.pdf)])
            #expect(files.count == seeded + 3)
            let view = try await exchange.show(member, channelID: c.room.id)
            let reportFiles = try #require(view.details.files[report.id])
            #expect(reportFiles.map(\.filename) == ["養殖試験 報告書.pdf"], "the path a browser sent is dropped")
            #expect(reportFiles[0].file.kind == .pdf && reportFiles[0].file.size == Self.pdf.count)
            #expect(view.details.files[alone.id]?.map(\.file.kind) == [.png])
            #expect(alone.body.isEmpty)

            // Fetched by those seated; the private room's file is nobody else's.
            let (fetched, data) = try await exchange.file(member, id: reportFiles[0].id)
            #expect(fetched.filename == "養殖試験 報告書.pdf" && data == Self.pdf)
            for outsider in [coordinator, guest, c.actor(c.admin)] {
                await #expect(throws: MusubiError.notFound) { try await exchange.file(outsider, id: reportFiles[0].id) }
            }
            let openFile = try #require(try await exchange.show(coordinator, channelID: c.lobby.id).details.files[open.id]?.first)
            #expect(try await exchange.file(member, id: openFile.id).1 == Self.pdf)
            await #expect(throws: MusubiError.notFound) { try await exchange.file(guest, id: openFile.id) }

            // Found by the file's name and by has:file, only by those who see the channel.
            func found(_ actor: Requester, _ query: String) async throws -> [Int64] {
                try await exchange.search(actor, query: query, order: .newest, page: 1, timeZone: Self.zone).hits.map(\.message.id)
            }
            #expect(try await found(member, "報告書") == [report.id])
            #expect(try await found(member, "水槽") == [alone.id])
            #expect(try await found(coordinator, "報告書").isEmpty)
            #expect(try await found(c.actor(c.admin), "報告書").isEmpty)
            #expect(try await found(member, "has:file").count == 4, "three posted here and the seeded plan")
            #expect(try await found(member, "has:file in:雑談") == [open.id])
            #expect(try await found(coordinator, "has:file") == [open.id])
            let hit = try #require(try await exchange.search(member, query: "報告書", order: .relevance, page: 1, timeZone: Self.zone).hits.first)
            #expect(hit.files.first?.segments.contains { $0.isMatch && $0.text == "報告書" } == true)
            await #expect(throws: MusubiError.invalid("q", "error.search_has")) { try await found(member, "has:link") }

            // Editing keeps the files findable; a file-only message may lose its text, others not.
            _ = try await exchange.edit(member, messageID: report.id, body: "差し替えました")
            #expect(try await found(member, "報告書") == [report.id])
            #expect(try await exchange.edit(member, messageID: alone.id, body: "").body.isEmpty)
            let plain = try await exchange.post(member, channelID: c.room.id, body: "文字だけ")
            await #expect(throws: MusubiError.invalid("body", "error.required")) { try await exchange.edit(member, messageID: plain.id, body: " ") }

            // Live deliveries carry the files.
            let delivered = try await exchange.deliveries(after: 0).first { $0.message.id == report.id }
            #expect(delivered?.files.map(\.filename) == ["養殖試験 報告書.pdf"])

            // Deleting the message drops its files from the database, the store and search.
            try await exchange.delete(member, messageID: report.id)
            #expect(files.count == seeded + 2)
            await #expect(throws: MusubiError.notFound) { try await exchange.file(member, id: reportFiles[0].id) }
            #expect(try await found(member, "報告書").isEmpty)
            #expect(try await exchange.show(member, channelID: c.room.id).details.files[report.id] == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func filesNoRecordNamesAreDeletedOnceADayOld(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let (files, clock) = (KeptFiles(), TestClock())
            let c = try await Community.seed(Self.environment(persistence, files, clock: clock))
            let exchange = Exchange(c.env)
            let member = c.actor(c.member)
            let posted = try await exchange.post(member, channelID: c.room.id, body: "資料", files: [Upload(filename: "資料.pdf", data: Self.pdf)])
            let kept = files.count
            // A file saved by a server that stopped before writing its record.
            let stray = try await files.save(Self.pdf)
            let strays = StrayFiles(c.env)
            clock.advance(by: Date().timeIntervalSince(clock.now))
            #expect(try await strays.delete() == 0, "under a day old: its record may still be on its way")
            clock.advance(by: StrayFiles.grace + 60)
            #expect(try await strays.delete() == 1)
            #expect(files.count == kept && !files.names.withLock { $0.contains(stray) })
            let file = try #require(try await exchange.show(member, channelID: c.room.id).details.files[posted.id]?.first)
            #expect(try await exchange.file(member, id: file.id).1 == Self.pdf, "files with records stay")
        }
    }

    @Test(arguments: TestDatabase.available)
    func badFilesAreRefusedAndNothingIsLeftBehind(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let files = KeptFiles()
            let c = try await Community.seed(Self.environment(persistence, files))
            let exchange = Exchange(c.env)
            let member = c.actor(c.member)
            let seeded = files.count
            func messages() async throws -> Int { try await exchange.show(member, channelID: c.room.id).messages.count }
            let before = try await messages()

            let refusals: [([Upload], String)] = [
                ([Upload(filename: "偽物.pdf", data: Self.png)], "error.file_type"),
                ([Upload(filename: "実行.exe", data: Self.pdf)], "error.file_type"),
                ([Upload(filename: "空.txt", data: Data())], "error.file_type"),
                ([Upload(filename: "大きい.txt", data: Data(repeating: 0x41, count: Exchange.fileLimits.size + 1))], "error.file_too_large"),
                (Array(repeating: Upload(filename: "a.pdf", data: Self.pdf), count: Exchange.fileLimits.count + 1), "error.too_many_message_files"),
                ([Upload(filename: "/", data: Self.pdf)], "error.required"),
            ]
            for (uploads, key) in refusals {
                await #expect(throws: MusubiError.invalid("files", key)) {
                    try await exchange.post(member, channelID: c.room.id, body: "添付", files: uploads)
                }
            }
            // No text and no file; someone who may not post; a thread that is not there.
            await #expect(throws: MusubiError.invalid("body", "error.required")) { try await exchange.post(member, channelID: c.room.id, body: " ") }
            await #expect(throws: MusubiError.notFound) {
                try await exchange.post(c.actor(c.coordinator), channelID: c.room.id, body: "", files: [Upload(filename: "a.pdf", data: Self.pdf)])
            }
            await #expect(throws: MusubiError.invalid("threadRootID", "error.thread_unknown")) {
                try await exchange.post(
                    member, channelID: c.room.id, body: "", threadRootID: 999_999, files: [Upload(filename: "a.pdf", data: Self.pdf)])
            }
            #expect(files.count == seeded, "a refused post leaves no file in the store")
            #expect(try await messages() == before)
            #expect(
                try await exchange.search(member, query: "has:file", order: .newest, page: 1, timeZone: Self.zone).total == 1, "only the seeded plan")
        }
    }

    @Test(arguments: TestDatabase.available)
    func expiredThreadsTakeTheirFilesWithThem(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let files = KeptFiles()
            let clock = TestClock()
            let c = try await Community.seed(Self.environment(persistence, files, clock: clock))
            let exchange = Exchange(c.env)
            let member = c.actor(c.member)
            let root = try await exchange.post(member, channelID: c.lobby.id, body: "古い資料", files: [Upload(filename: "古い.pdf", data: Self.pdf)])
            let reply = try await exchange.post(
                member, channelID: c.lobby.id, body: "補足", threadRootID: root.id, files: [Upload(filename: "補足.txt", data: Data("メモ".utf8))])
            let replyFile = try #require(try await exchange.thread(member, rootID: root.id).details.files[reply.id]?.first)
            clock.advance(by: 40 * 86_400)
            _ = try await exchange.post(member, channelID: c.lobby.id, body: "新しい話題", files: [Upload(filename: "新しい.pdf", data: Self.pdf)])
            let kept = files.count
            try await exchange.setRetention(c.actor(c.admin), channelID: c.lobby.id, days: 30)
            #expect(try await exchange.applyRetention() == 2)
            #expect(files.count == kept - 2)
            await #expect(throws: MusubiError.notFound) { try await exchange.file(member, id: replyFile.id) }
            #expect(
                try await exchange.search(member, query: "has:file in:雑談", order: .newest, page: 1, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
                    .total == 1)
        }
    }
}
