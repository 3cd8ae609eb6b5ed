import Foundation
import Logging
import MusubiCore
import ServiceLifecycle

/// The coordinator's desk, every 15 seconds: bulletins published for later are announced when
/// their time comes, saved funding calls' reminders go out 14 and 3 days before the
/// deadline, and the weekly digest at its hour (when the installation sends one). A failed round is logged and tried again at
/// the next.
public struct DeskRounds: Service {
    let bulletins: Bulletins
    let digests: Digests
    let digestSchedule: DigestSchedule?
    let interval: Duration
    let logger: Logger

    public init(_ env: CoreEnvironment, digestSchedule: DigestSchedule?, interval: Duration = .seconds(15), logger: Logger) {
        self.bulletins = Bulletins(env)
        self.digests = Digests(env)
        self.digestSchedule = digestSchedule
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let announced = try await bulletins.announceDue()
                    if announced > 0 { logger.info("bulletins announced", metadata: ["bulletins": "\(announced)"]) }
                    let reminded = try await bulletins.sendReminders()
                    if reminded > 0 { logger.info("funding call reminders sent", metadata: ["reminders": "\(reminded)"]) }
                    if let digestSchedule, let round = try await digests.sendDue(digestSchedule) {
                        logger.info(
                            "weekly digest sent", metadata: ["week": "\(round.week)", "members": "\(round.composed)", "mails": "\(round.mailed)"])
                    }
                } catch  where !Task.isCancelled {
                    logger.error("the desk's round failed", metadata: ["error": "\(error)"])
                } catch {}
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
