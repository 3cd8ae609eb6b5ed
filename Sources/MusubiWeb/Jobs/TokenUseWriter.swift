import Foundation
import Logging
import MusubiCore
import ServiceLifecycle
import Synchronization

/// Writes the API token uses the requests noted (`TokenUseLedger`) every few seconds and once
/// more on shutdown. A failed write (a full or read-only disk) is logged once and tried again;
/// requests are never affected by it.
public final class TokenUseWriter: Service {
    let accounts: Accounts
    let interval: Duration
    let logger: Logger
    private let failing = Atomic<Bool>(false)

    public init(_ env: CoreEnvironment, interval: Duration = .seconds(5), logger: Logger) {
        self.accounts = Accounts(env, throttle: SignInThrottle())
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: self.interval) } catch { return }
                await self.write()
            }
        }
        await write()
    }

    /// Says when writing starts failing and when it works again, not at every attempt.
    private func write() async {
        do {
            try await accounts.recordTokenUses()
            if failing.exchange(false, ordering: .relaxed) { logger.notice("API token uses written again") }
        } catch is CancellationError {
            // The application is being torn down without a graceful shutdown: nothing to say.
        } catch {
            if !failing.exchange(true, ordering: .relaxed) {
                logger.error("API token uses could not be written; retrying", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }
}
