import Foundation
import MusubiCore
import Testing

@Suite struct SignInThrottleTests {
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 0)
    }

    @Test func blocksAnAccountAfterTooManyFailuresUntilTheWindowPasses() async throws {
        let clock = Clock()
        let throttle = SignInThrottle(limits: .init(perAccount: 3, perAddress: 100, window: 60), now: { clock.now })
        for _ in 0..<3 {
            try await throttle.check(account: "a@example.jp", address: "1.1.1.1")
            await throttle.recordFailure(account: "a@example.jp", address: "1.1.1.1")
        }
        await #expect(throws: MusubiError.rateLimited(retryAfter: 60)) {
            try await throttle.check(account: "a@example.jp", address: "2.2.2.2")
        }
        try await throttle.check(account: "other@example.jp", address: "1.1.1.1")
        clock.now = clock.now.addingTimeInterval(61)
        try await throttle.check(account: "a@example.jp", address: "1.1.1.1")
    }

    @Test func blocksAnAddressThatTriesManyAccounts() async throws {
        let throttle = SignInThrottle(limits: .init(perAccount: 100, perAddress: 5, window: 60))
        for index in 0..<5 {
            await throttle.recordFailure(account: "user\(index)@example.jp", address: "9.9.9.9")
        }
        await #expect(throws: MusubiError.self) { try await throttle.check(account: "new@example.jp", address: "9.9.9.9") }
        try await throttle.check(account: "new@example.jp", address: "8.8.8.8")
    }
}
