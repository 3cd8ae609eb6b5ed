import Foundation
import Logging
import MusubiCore
import ServiceLifecycle

/// Applies channels' retention periods at start and then every hour, for as long as the
/// server runs. A failed sweep is logged and tried again at the next hour.
public struct RetentionSweeper: Service {
    let exchange: Exchange
    let interval: Duration
    let logger: Logger

    public init(exchange: Exchange, interval: Duration = .seconds(3_600), logger: Logger) {
        self.exchange = exchange
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                // Shutting down cancels the sleep: that ends the loop, not in an error.
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }

    func sweep() async {
        do {
            let removed = try await exchange.applyRetention()
            if removed > 0 { logger.info("messages past their channel's retention removed", metadata: ["messages": "\(removed)"]) }
        } catch {
            logger.error("retention sweep failed", metadata: ["error": "\(error)"])
        }
    }
}
