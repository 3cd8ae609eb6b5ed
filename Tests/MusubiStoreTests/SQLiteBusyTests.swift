import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@testable import MusubiStore

/// A long write (a Slack import, in this process or in `musubi import slack` beside the server)
/// never holds up reads, and a change that cannot wait for it is answered "busy" after a
/// bounded wait, with nothing written, instead of failing or hanging.
@Suite struct SQLiteBusyTests {
    static func open(_ path: String) async throws -> SQLPersistence {
        try await SQLPersistence.open(.sqliteFile(path: path), logger: TestDatabase.logger)
    }

    @Test func aChangeWaitingBehindALongWriteInThisProcessIsBusyAndReadsGoOn() async throws {
        let path = TestFolders.new("busy").appendingPathComponent("musubi.sqlite").path
        let server = try await Self.open(path)
        try await server.migrate()
        let community = try await Community.seed(.testing(server))
        let importing = LongWrite(on: server)
        await importing.whenStarted()

        let start = ContinuousClock.now
        let found = try await server.read { try await $0.members.find(id: community.member.id) }
        let reading = ContinuousClock.now - start
        #expect(found?.name == community.member.name)
        // A read that waited for the writer would never return: the write is released below.
        // The bound only keeps the test honest on a machine loaded by the whole suite.
        #expect(reading < .seconds(5), "a read does not wait for the writer: \(reading)")
        // A request waits as long as the web layer lets it; a job would wait its turn.
        await #expect(throws: MusubiError.busy(retryAfter: 1)) {
            try await DatabasePatience.$limit.withValue(.milliseconds(300)) {
                try await server.write { try await $0.members.setStatus(id: community.member.id, to: .deactivated) }
            }
        }
        #expect(ContinuousClock.now - start < .seconds(3), "a bounded wait")
        let patient = Task { try await server.write { try await $0.members.find(id: community.member.id) } }
        try await Task.sleep(for: .milliseconds(500))
        importing.release()
        try await importing.task.value
        #expect(try await patient.value != nil, "a change with no limit waited for its turn")
        #expect(try await server.read { try await $0.members.find(id: community.member.id) }?.status == .active, "nothing written")
        try await server.write { try await $0.members.setStatus(id: community.member.id, to: .deactivated) }
        try await server.close()
    }

    @Test func aChangeWaitingBehindAnotherProcessesWriteIsBusyAndReadsGoOn() async throws {
        let path = TestFolders.new("busy").appendingPathComponent("musubi.sqlite").path
        let server = try await Self.open(path)
        try await server.migrate()
        let community = try await Community.seed(.testing(server))
        // `musubi import slack` has connections of its own, as another process would.
        let importer = try await Self.open(path)
        let importing = LongWrite(on: importer)
        await importing.whenStarted()

        let start = ContinuousClock.now
        let found = try await server.read { try await $0.members.find(id: community.member.id) }
        // A read that waited for the lock would take the writer's whole patience (5 s); the
        // bound leaves room for a machine loaded by the whole suite.
        #expect(found != nil && ContinuousClock.now - start < .seconds(4), "a read does not wait for the other process")
        await #expect(throws: MusubiError.busy(retryAfter: 5)) {
            try await server.write { try await $0.members.setStatus(id: community.member.id, to: .deactivated) }
        }
        importing.release()
        try await importing.task.value
        try await server.write { try await $0.members.setStatus(id: community.member.id, to: .deactivated) }
        try await importer.close()
        try await server.close()
    }
}
