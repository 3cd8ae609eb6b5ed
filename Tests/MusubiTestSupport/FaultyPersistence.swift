import Foundation
import Logging
import MusubiCore
import Synchronization

/// A database that fails on request, as a full or read-only disk, a busy SQLite or a
/// PostgreSQL that went away would: every read, or every write, throws until the test heals it.
public final class FaultyPersistence: Persistence {
    public struct Fault: Error, CustomStringConvertible {
        public let description: String
    }

    private let wrapped: any Persistence
    private let failing = Mutex<(reads: Fault?, writes: Fault?)>((nil, nil))

    public init(_ wrapped: any Persistence) { self.wrapped = wrapped }

    public func failReads(_ why: String?) { failing.withLock { $0.reads = why.map(Fault.init) } }
    public func failWrites(_ why: String?) { failing.withLock { $0.writes = why.map(Fault.init) } }

    public func read<T: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> T) async throws -> T {
        if let fault = failing.withLock({ $0.reads }) { throw fault }
        return try await wrapped.read(work)
    }

    public func write<T: Sendable>(_ work: @escaping @Sendable (any Repositories) async throws -> T) async throws -> T {
        if let fault = failing.withLock({ $0.writes }) { throw fault }
        return try await wrapped.write(work)
    }
}

/// Keeps what was logged, for tests that check an error is reported (and a secret is not),
/// and still prints it as `TestDatabase.logger` does.
public final class LogRecorder: Sendable {
    public struct Entry: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    public var logged: [Entry] { entries.withLock { $0 } }

    /// A logger that records warnings and worse here.
    public func logger(label: String = "musubi.test") -> Logger {
        var logger = Logger(label: label) { label in Handler(recorder: self, echo: StreamLogHandler.standardError(label: label)) }
        logger.logLevel = .warning
        return logger
    }

    fileprivate func record(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var echo: StreamLogHandler
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .warning

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            recorder.record(Entry(level: event.level, message: "\(event.message)", metadata: all.mapValues { "\($0)" }))
            var event = event
            event.metadata = all
            echo.log(event: event)
        }
    }
}
