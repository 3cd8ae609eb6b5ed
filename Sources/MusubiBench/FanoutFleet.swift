import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import MusubiApp
import Synchronization

/// The fan-out benchmark's clients: WebSocket connections that note when each numbered
/// message reaches them. A message carries `fanout#<n>#` in its text; the one carrying
/// `fanout#end#` goes to every client and ends it.
final class FanoutFleet: Sendable {
    struct Receipt: Sendable {
        var number: Int
        var at: ContinuousClock.Instant
    }

    static let prefix = "fanout#"
    static func marker(_ number: Int) -> String { "\(prefix)\(number)#" }
    static let endMarker = "\(prefix)end#"

    private let receipts: Mutex<[[Receipt]]>
    /// When each numbered message was posted.
    private let sent: Mutex<[ContinuousClock.Instant?]>
    private let readyCount = Atomic<Int>(0)
    private let endedCount = Atomic<Int>(0)
    private let numberedCount = Atomic<Int>(0)
    let clients: Int

    init(clients: Int, messages: Int) {
        self.clients = clients
        receipts = Mutex(Array(repeating: [], count: clients))
        sent = Mutex(Array(repeating: nil, count: messages))
    }

    func markSent(_ number: Int, at instant: ContinuousClock.Instant) { sent.withLock { $0[number] = instant } }
    var sentTimes: [ContinuousClock.Instant?] { sent.withLock { $0 } }

    var ready: Int { readyCount.load(ordering: .relaxed) }
    var ended: Int { endedCount.load(ordering: .relaxed) }
    /// Numbered messages received, by all clients together.
    var receivedCount: Int { numberedCount.load(ordering: .relaxed) }

    /// What client `index` received, in the order it arrived.
    func received(by index: Int) -> [Receipt] { receipts.withLock { $0[index] } }

    /// Connects client `index` (with an API token when given) and listens until the end
    /// marker or the connection's end. `isReady` tells the frame after which the server
    /// delivers live messages.
    func listen(_ index: Int, url: String, token: String?, logger: Logger, isReady: @escaping @Sendable (String) -> Bool) async throws {
        let clock = ContinuousClock()
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers), logger: logger) {
            inbound, _, _ in
            for try await message in inbound.messages(maxSize: 1 << 20) {
                let at = clock.now
                guard case .text(let text) = message else { continue }
                if let number = Self.number(in: text) {
                    self.receipts.withLock { $0[index].append(Receipt(number: number, at: at)) }
                    self.numberedCount.add(1, ordering: .relaxed)
                } else if text.contains(Self.endMarker) {
                    self.endedCount.add(1, ordering: .relaxed)
                    return
                } else if isReady(text) {
                    self.readyCount.add(1, ordering: .relaxed)
                }
            }
        }
    }

    /// The number after `fanout#` in a frame, if it has one.
    static func number(in text: String) -> Int? {
        guard let found = text.utf8.firstRange(of: prefix.utf8) else { return nil }
        let digits = text.utf8[found.upperBound...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return Int(String(decoding: digits, as: UTF8.self))
    }
}

/// What a run measured: for every message and every client that should have it, how long
/// from posting to arrival; and what went missing or came twice or to the wrong client.
struct FanoutResult {
    var latencies: [Duration]
    var expected: Int
    var missing: Int
    var duplicates: Int
    var misdelivered: Int
    var postedPerSecond: Double

    init(fleet: FanoutFleet, listeners: Range<Int>, postedPerSecond: Double) {
        let sentAt = fleet.sentTimes
        var latencies: [Duration] = []
        var (missing, duplicates, misdelivered) = (0, 0, 0)
        for index in 0..<fleet.clients {
            let receipts = fleet.received(by: index)
            guard listeners.contains(index) else {
                misdelivered += receipts.count
                continue
            }
            var seen = Set<Int>()
            for receipt in receipts {
                if !seen.insert(receipt.number).inserted {
                    duplicates += 1
                    continue
                }
                if receipt.number < sentAt.count, let sent = sentAt[receipt.number] { latencies.append(receipt.at - sent) }
            }
            missing += sentAt.count - seen.intersection(0..<sentAt.count).count
        }
        self.latencies = latencies.sorted()
        self.expected = sentAt.count * listeners.count
        (self.missing, self.duplicates, self.misdelivered, self.postedPerSecond) = (missing, duplicates, misdelivered, postedPerSecond)
    }

    func percentile(_ p: Double) -> Duration {
        guard !latencies.isEmpty else { return .zero }
        return latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
    }
}
