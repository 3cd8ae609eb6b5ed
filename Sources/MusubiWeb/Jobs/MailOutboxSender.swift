import Foundation
import Logging
import MusubiCore
import ServiceLifecycle

/// Sends the outbox's due mail every few seconds for as long as the server runs, and once
/// more at start (what an earlier run left queued). A failed round is logged and tried again.
public struct MailOutboxSender: Service {
    let outbox: MailOutbox
    let interval: Duration
    let logger: Logger

    public init(
        _ env: CoreEnvironment, transport: any MailTransport, writer: any LetterWriter, interval: Duration = .seconds(5), logger: Logger
    ) {
        self.outbox = MailOutbox(env, transport: transport, writer: writer)
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let round = try await outbox.sendDue()
                    if round.failed > 0 { logger.warning("mail given up on", metadata: ["mails": "\(round.failed)"]) }
                } catch  where !Task.isCancelled {
                    logger.error("sending the outbox failed", metadata: ["error": "\(error)"])
                } catch {}
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
