import Foundation

/// When each API token was last used, kept in memory and written in the background: a
/// request never writes (so reads with a token work on a full or read-only disk), and a
/// token's use is recorded at most once per `interval`.
public actor TokenUseLedger {
    public let interval: TimeInterval
    private var lastNoted: [Int64: Date] = [:]
    private var unwritten: [Int64: Date] = [:]

    public init(interval: TimeInterval = 60) { self.interval = interval }

    /// Notes a use; it is written later unless one within `interval` was noted already.
    public func note(tokenID: Int64, at time: Date) {
        if let last = lastNoted[tokenID], time.timeIntervalSince(last) < interval { return }
        lastNoted[tokenID] = time
        unwritten[tokenID] = time
    }

    /// The uses not yet written, which the caller now owns.
    func takeUnwritten() -> [Int64: Date] {
        defer { unwritten = [:] }
        return unwritten
    }

    /// Uses a failed write gives back, unless a newer one was noted since.
    func giveBack(_ uses: [Int64: Date]) {
        unwritten.merge(uses) { newer, _ in newer }
    }

    var unwrittenCount: Int { unwritten.count }
}
