import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// A session on PostgreSQL waits for a connection as long as `DatabasePatience` lets it, then
/// is answered "busy": with every connection in use, with the server unreachable, or with a
/// pool that was never started. None of them is waited on forever.
@Suite struct PostgresPatienceTests {
    static func unreachable() async throws -> SQLPersistence {
        // Port 1 on the loopback: nothing listens, every connection attempt is refused.
        let location = try DatabaseLocation.parse("postgres://musubi@127.0.0.1:1/musubi?sslmode=disable&pool=1")
        return try await SQLPersistence.open(location, logger: TestDatabase.logger)
    }

    static func readWithin(_ patience: Duration, _ persistence: SQLPersistence) async throws {
        try await DatabasePatience.$limit.withValue(patience) {
            _ = try await persistence.read { try await $0.fields.all() }
        }
    }

    @Test func aServerThatRefusesConnectionsIsBusyAfterThePatience() async throws {
        let persistence = try await Self.unreachable()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await persistence.run() }
            let start = ContinuousClock.now
            await #expect(throws: MusubiError.busy(retryAfter: 1)) { try await Self.readWithin(.milliseconds(300), persistence) }
            #expect(ContinuousClock.now - start < .seconds(60), "a bounded wait, however busy the machine")
            group.cancelAll()
        }
    }

    @Test func aPoolThatWasNeverStartedIsBusyAfterThePatience() async throws {
        let persistence = try await Self.unreachable()
        let start = ContinuousClock.now
        await #expect(throws: MusubiError.busy(retryAfter: 1)) { try await Self.readWithin(.milliseconds(300), persistence) }
        #expect(ContinuousClock.now - start < .seconds(60), "a bounded wait, however busy the machine")
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil))
    func aSessionWaitingWhileEveryConnectionIsInUseIsBusyAndNothingIsWritten() async throws {
        try await TestDatabase.postgres.with { persistence in
            let community = try await Community.seed(.testing(persistence))
            // The test pool has two connections: two long writes hold both.
            let holding = [LongWrite(on: persistence), LongWrite(on: persistence)]
            for write in holding { await write.whenStarted() }

            let start = ContinuousClock.now
            await #expect(throws: MusubiError.busy(retryAfter: 1)) {
                try await DatabasePatience.$limit.withValue(.milliseconds(300)) {
                    try await persistence.write { try await $0.members.setStatus(id: community.member.id, to: .deactivated) }
                }
            }
            await #expect(throws: MusubiError.busy(retryAfter: 1)) { try await Self.readWithin(.milliseconds(300), persistence) }
            #expect(ContinuousClock.now - start < .seconds(60), "bounded waits, however busy the machine")

            let patient = Task { try await persistence.read { try await $0.members.find(id: community.member.id) } }
            try await Task.sleep(for: .milliseconds(300))
            for write in holding {
                write.release()
                try await write.task.value
            }
            #expect(try await patient.value?.status == .active, "a session with the default patience waited its turn; nothing was written")
        }
    }
}
