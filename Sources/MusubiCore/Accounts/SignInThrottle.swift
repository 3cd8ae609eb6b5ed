import Foundation

/// Slows down password guessing: after too many failed sign-ins for one account, or from one
/// address, further attempts are refused for a while, whether or not the password is right.
public actor SignInThrottle {
    public struct Limits: Sendable {
        public var perAccount: Int
        public var perAddress: Int
        public var window: TimeInterval

        public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
            self.perAccount = perAccount
            self.perAddress = perAddress
            self.window = window
        }
    }

    private let limits: Limits
    private let now: @Sendable () -> Date
    private var failures: [String: [Date]] = [:]

    public init(limits: Limits = .init(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.limits = limits
        self.now = now
    }

    /// Throws `rateLimited` when either key has used up its attempts.
    public func check(account: String, address: String) throws {
        let wait = max(retryAfter("a:" + account, limit: limits.perAccount), retryAfter("ip:" + address, limit: limits.perAddress))
        if wait > 0 { throw MusubiError.rateLimited(retryAfter: wait) }
    }

    public func recordFailure(account: String, address: String) {
        let time = now()
        for key in ["a:" + account, "ip:" + address] {
            failures[key, default: []].append(time)
        }
        if failures.count > 100_000 { prune() }
    }

    public func recordSuccess(account: String) {
        failures["a:" + account] = nil
    }

    private func retryAfter(_ key: String, limit: Int) -> Int {
        let cutoff = now().addingTimeInterval(-limits.window)
        let recent = (failures[key] ?? []).filter { $0 > cutoff }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return 0 }
        return max(1, Int(oldest.addingTimeInterval(limits.window).timeIntervalSince(now()).rounded(.up)))
    }

    private func prune() {
        let cutoff = now().addingTimeInterval(-limits.window)
        failures = failures.compactMapValues { dates in
            let recent = dates.filter { $0 > cutoff }
            return recent.isEmpty ? nil : recent
        }
    }
}
