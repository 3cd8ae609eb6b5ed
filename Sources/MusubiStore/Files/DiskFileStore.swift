import Foundation
import MusubiCore

/// Uploaded files in a folder (`attachments` under the data directory), each under a random
/// name of 32 hex digits, readable by the server's user only. A name that is not such is
/// never turned into a path.
public struct DiskFileStore: FileStore {
    let directory: URL

    public init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    }

    public func save(_ data: Data) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let name = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        try await save(data, as: name)
        return name
    }

    public func save(_ data: Data, as name: String) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let url = try path(of: name)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: url.path])
        }
        guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    public func read(_ name: String) async throws -> Data {
        try Data(contentsOf: try path(of: name))
    }

    public func delete(_ name: String) async throws {
        try FileManager.default.removeItem(at: try path(of: name))
    }

    /// Only the store's own names: anything else in the folder is left alone.
    public func names(savedBefore date: Date) async throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])
        return try files.filter { file in
            guard Self.isName(file.lastPathComponent) else { return false }
            return try file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate.map { $0 < date } ?? false
        }.map(\.lastPathComponent)
    }

    private func path(of name: String) throws -> URL {
        guard Self.isName(name) else { throw CocoaError(.fileReadInvalidFileName) }
        return directory.appendingPathComponent(name)
    }

    /// 32 lowercase hex digits: never a path.
    static func isName(_ name: String) -> Bool {
        name.count == 32 && name.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
