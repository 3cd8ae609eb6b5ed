import Foundation
import MusubiCore
import ZIPFoundation

/// Opens zip files as exports.
public struct ZipArchives: ExportArchiveOpener {
    public init() {}

    public func open(_ file: URL) throws -> any ExportArchive {
        try ZipExportArchive(url: file)
    }
}

/// A zip file read as an export. Entries are read into memory, one per reader at a time,
/// and never unpacked to disk; their paths are handed over as the archive names them, for the import
/// to check.
public final class ZipExportArchive: ExportArchive, @unchecked Sendable {
    public enum OpenError: Error, Equatable {
        /// Not a zip file, or one whose directory cannot be read.
        case notAnArchive
    }

    /// An entry that unpacks to more than this is refused, whatever its header says (a zip
    /// bomb, or not an export).
    public static let entryLimit = 64 << 20

    public struct EntryTooLarge: Error {}

    private let url: URL
    /// An archive reads through one file handle, so each reader at a time takes one of its
    /// own (opened again when none is free: only the end of the file is read to open it).
    private var idle: [Archive]
    private let lock = NSLock()
    public let entries: [ExportArchiveEntry]
    /// The entries that are files, by path (an entry works its path and type out of its
    /// header each time it is asked: once here, not at every read).
    private let files: [String: Entry]

    public init(url: URL) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw OpenError.notAnArchive
        }
        self.url = url
        idle = [archive]
        let all = Array(archive).map { (entry: $0, path: Self.path(of: $0), type: $0.type) }
        entries = all.map { entry, path, type in
            ExportArchiveEntry(path: path, isLink: type == .symlink, isDirectory: type == .directory, size: entry.uncompressedSize)
        }
        files = Dictionary(all.filter { $0.type == .file }.map { ($0.path, $0.entry) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry's name as UTF-8 whenever it is valid UTF-8, whatever its flag says: Slack
    /// writes UTF-8 names (`雑談/2024-04-01.json`) without setting it, and read as the
    /// flag would have them (CP437) they are mojibake. A name that is not UTF-8 is CP437.
    static func path(of entry: Entry) -> String {
        let utf8 = entry.path(using: .utf8)
        return utf8.isEmpty ? entry.path : utf8
    }

    public func contents(of path: String) throws -> Data {
        guard let entry = files[path] else { throw CocoaError(.fileNoSuchFile) }
        let archive = try lock.withLock { idle.popLast() } ?? Archive(url: url, accessMode: .read)
        defer { lock.withLock { idle.append(archive) } }
        var data = Data(capacity: Int(min(entry.uncompressedSize, 64 << 20)))
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            guard data.count + chunk.count <= Self.entryLimit else { throw EntryTooLarge() }
            data.append(chunk)
        }
        return data
    }
}
