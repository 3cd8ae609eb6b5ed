import Foundation
import Logging
import MusubiCore
import ServiceLifecycle
import Synchronization

/// Slack imports started from the admin page. Each runs in the background from the upload,
/// kept in the installation's `UploadArea` (readable by this process only, removed at the
/// end, and swept after the service stops and at the next start); its page shows how far it got
/// and then its report. The last few are kept in memory: an import itself is one transaction,
/// so a restart loses the page, never half an import.
///
/// The imports run inside this service: shutting it down cancels a running import, which then
/// rolls back, and waits for it before the database closes.
public final class SlackImportJobs: Service {
    public struct Job: Sendable {
        public var id: String
        public var filename: String
        public var startedAt: Date
        public var progress: SlackImport.Progress?
        public var report: SlackImport.Report?
        /// Stopped by an error after the check: nothing was imported.
        public var failed = false

        public var isRunning: Bool { report == nil && !failed }
    }

    private let importer: SlackImport
    private let archives: any ExportArchiveOpener
    private let uploads: UploadArea
    private let secrets: any SecretGenerator
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let jobs = Mutex<[Job]>([])
    private let queue: AsyncStream<@Sendable () async -> Void>
    private let enqueue: AsyncStream<@Sendable () async -> Void>.Continuation
    static let kept = 20

    init(_ environment: CoreEnvironment, archives: any ExportArchiveOpener, uploads: UploadArea, logger: Logger) {
        self.importer = SlackImport(environment)
        self.archives = archives
        self.uploads = uploads
        self.secrets = environment.secrets
        self.now = environment.now
        self.logger = logger
        (queue, enqueue) = AsyncStream.makeStream()
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for await work in queue.cancelOnGracefulShutdown() {
                group.addTask { await work() }
            }
            // Shutting down: imports under way are cancelled, roll back, and are waited for.
            group.cancelAll()
        }
        enqueue.finish()
        // The server stopped before this service: no request reads an upload any more, and
        // an export queued but never started is not left behind.
        let swept = uploads.sweep()
        if swept > 0 { logger.notice("uploads left at shutdown removed", metadata: ["count": "\(swept)"]) }
    }

    public func job(_ id: String) -> Job? {
        jobs.withLock { list in list.first { $0.id == id } }
    }

    public func authorize(_ actor: Requester) throws {
        try importer.authorize(actor)
    }

    /// Starts importing an uploaded export; gives the job's id. An upload that is not a zip
    /// file is refused at once.
    public func start(_ upload: MultipartForm.File, by actor: Requester) throws -> String {
        try importer.authorize(actor)
        // A folder only this process may enter: the export holds private conversations.
        guard let folder = try? uploads.newFolder("slack-import") else { throw MusubiError.invalid("export", "error.slack_export_unsaved") }
        let file = folder.appendingPathComponent("export.zip")
        do {
            // Moved out of the request's upload folder, which goes when the request ends.
            try FileManager.default.moveItem(at: upload.location, to: file)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw MusubiError.invalid("export", "error.slack_export_unsaved")
        }
        let archive: any ExportArchive
        do {
            archive = try archives.open(file)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw MusubiError.invalid("export", "error.slack_export_not_zip")
        }
        let id = secrets.newSecret()
        let filename = String(upload.filename.prefix(200))
        jobs.withLock { list in
            list.insert(Job(id: id, filename: filename, startedAt: now()), at: 0)
            if list.count > Self.kept { list.removeLast(list.count - Self.kept) }
        }
        let (importer, logger) = (importer, logger)
        let queued = enqueue.yield {
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                let report = try await importer.run(archive, by: actor) { progress in self.update(id) { $0.progress = progress } }
                self.update(id) { $0.report = report }
            } catch is CancellationError {
                logger.notice("Slack import stopped by shutdown; nothing was imported")
                self.update(id) { $0.failed = true }
            } catch {
                logger.error("Slack import failed; nothing was imported", metadata: ["error": "\(String(reflecting: error))"])
                self.update(id) { $0.failed = true }
            }
        }
        if case .terminated = queued {
            try? FileManager.default.removeItem(at: folder)
            update(id) { $0.failed = true }
        }
        return id
    }

    private func update(_ id: String, _ change: (inout Job) -> Void) {
        jobs.withLock { list in
            if let index = list.firstIndex(where: { $0.id == id }) { change(&list[index]) }
        }
    }
}
