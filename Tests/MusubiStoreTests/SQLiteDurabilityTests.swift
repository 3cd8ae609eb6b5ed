import Foundation
import MusubiTestSupport
import Testing

@testable import MusubiStore

/// A write SQLite acknowledged survives a power cut unless the operator chose otherwise.
@Suite struct SQLiteDurabilityTests {
    func synchronous(_ url: String) async throws -> (reader: Int, writer: Int) {
        let persistence = try await SQLPersistence.open(try DatabaseLocation.parse(url), logger: TestDatabase.logger)
        defer { Task { try await persistence.close() } }
        return try await persistence.pragma("synchronous")
    }

    @Test func everyCommitIsSyncedUnlessNormalIsChosen() async throws {
        let folder = TestFolders.new("durability")
        // PRAGMA synchronous: 2 is FULL, 1 is NORMAL.
        #expect(try await synchronous("sqlite://" + folder.appendingPathComponent("a.sqlite").path) == (2, 2))
        #expect(try await synchronous("sqlite://" + folder.appendingPathComponent("b.sqlite").path + "?synchronous=full") == (2, 2))
        #expect(try await synchronous("sqlite://" + folder.appendingPathComponent("c.sqlite").path + "?synchronous=normal") == (1, 1))
    }

    /// A service group cancelled, rather than shut down, still closes the database file.
    @Test func closingFromACancelledTaskClosesTheFile() async throws {
        let path = TestFolders.new("durability").appendingPathComponent("closed.sqlite").path
        let persistence = try await SQLPersistence.open(.sqliteFile(path: path), logger: TestDatabase.logger)
        try await persistence.migrate()
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        let closing = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await persistence.close()
        }
        try await closing.value
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the last connection to close checkpoints and removes the log")
    }

    @Test func anUnknownSettingIsRefusedWithItsName() throws {
        #expect(throws: DatabaseLocation.ParseError.unsupported("synchronous must be full or normal")) {
            try DatabaseLocation.parse("sqlite:///tmp/x.sqlite?synchronous=off")
        }
        #expect(throws: DatabaseLocation.ParseError.unsupported("an sqlite URL takes only ?synchronous=, not journal")) {
            try DatabaseLocation.parse("sqlite:///tmp/x.sqlite?journal=delete")
        }
        #expect(try DatabaseLocation.parse("sqlite:///tmp/x.sqlite") == .sqliteFile(path: "/tmp/x.sqlite", synchronous: .full))
    }
}
