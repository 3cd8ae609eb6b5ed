import Foundation
import Testing

@testable import MusubiCore

@Suite struct TokenUseLedgerTests {
    @Test func aTokenIsNotedAtMostOncePerInterval() async {
        let ledger = TokenUseLedger(interval: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        await ledger.note(tokenID: 1, at: start)
        await ledger.note(tokenID: 1, at: start.addingTimeInterval(30))
        await ledger.note(tokenID: 2, at: start.addingTimeInterval(30))
        #expect(await ledger.takeUnwritten() == [1: start, 2: start.addingTimeInterval(30)])
        await ledger.note(tokenID: 1, at: start.addingTimeInterval(59))
        #expect(await ledger.takeUnwritten().isEmpty, "within the minute")
        await ledger.note(tokenID: 1, at: start.addingTimeInterval(61))
        #expect(await ledger.takeUnwritten() == [1: start.addingTimeInterval(61)])
    }

    @Test func usesAFailedWriteGivesBackAreKeptUnlessNewerOnesCame() async {
        let ledger = TokenUseLedger(interval: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        await ledger.note(tokenID: 1, at: start)
        await ledger.note(tokenID: 2, at: start)
        let taken = await ledger.takeUnwritten()
        await ledger.note(tokenID: 1, at: start.addingTimeInterval(120))
        await ledger.giveBack(taken)
        #expect(await ledger.takeUnwritten() == [1: start.addingTimeInterval(120), 2: start])
    }
}
