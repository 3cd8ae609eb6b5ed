import Foundation
import ZIPFoundation

/// What a community archive (`musubi export`) holds, read back for a test: every entry's bytes
/// by path, the manifest, and a table's records.
public struct ArchiveContents: Sendable {
    public var entries: [String: Data]

    public init(_ zip: URL) throws {
        let archive = try Archive(url: zip, accessMode: .read)
        var entries: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            entries[entry.path] = data
        }
        self.entries = entries
    }

    public var manifest: [String: Any] {
        (try? JSONSerialization.jsonObject(with: entries["musubi-archive.json"] ?? Data())) as? [String: Any] ?? [:]
    }

    /// The records of a table, a dictionary each.
    public func records(_ table: String) -> [[String: Any]] {
        let text = String(decoding: entries["tables/\(table).jsonl"] ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
    }

    /// Writes the entries as a zip file (after a test has changed some), in path order.
    public func zipped(to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let writer = try ZipExportWriter(url: url)
        for (path, data) in entries.sorted(by: { $0.key < $1.key }) { try writer.add(path, data) }
    }
}
