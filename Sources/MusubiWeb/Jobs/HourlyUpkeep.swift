import Foundation
import Logging
import MusubiCore
import ServiceLifecycle

/// Upkeep at start and then every hour, for as long as the server runs: channels' retention
/// periods, files no record names (`StrayFiles`), and answers kept for idempotency keys
/// older than a day. A failed step is logged and tried again
/// at the next hour.
public struct HourlyUpkeep: Service {
    let exchange: Exchange
    let strayFiles: StrayFiles
    let idempotentRequests: IdempotentRequests
    let interval: Duration
    let logger: Logger

    public init(_ env: CoreEnvironment, interval: Duration = .seconds(3_600), logger: Logger) {
        self.exchange = Exchange(env)
        self.strayFiles = StrayFiles(env)
        self.idempotentRequests = IdempotentRequests(env)
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

    /// A sweep that a shutdown cancels is not a failure: it is tried again at the next start.
    func sweep() async {
        do {
            try await idempotentRequests.forgetExpired()
        } catch  where !Task.isCancelled {
            logger.error("forgetting expired idempotency keys failed", metadata: ["error": "\(error)"])
        } catch {}
        do {
            let removed = try await exchange.applyRetention()
            if removed > 0 { logger.info("messages past their channel's retention removed", metadata: ["messages": "\(removed)"]) }
        } catch  where !Task.isCancelled {
            logger.error("retention sweep failed", metadata: ["error": "\(error)"])
        } catch {}
        do {
            let deleted = try await strayFiles.delete()
            if deleted > 0 { logger.notice("stored files no record names deleted", metadata: ["files": "\(deleted)"]) }
        } catch  where !Task.isCancelled {
            logger.error("stray file sweep failed", metadata: ["error": "\(error)"])
        } catch {}
    }
}
