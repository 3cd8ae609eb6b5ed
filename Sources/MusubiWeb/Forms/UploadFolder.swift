import Foundation

/// A folder only this process may enter, for the files of one request; removed when the
/// request ends (what must outlive it, such as an export being imported, is moved out first).
public final class UploadFolder: Sendable {
    public let url: URL

    public init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("musubi-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    }

    func newFile() -> URL {
        url.appendingPathComponent(UUID().uuidString)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Runs `body` with a new folder and removes it afterwards, also when `body` throws.
    static func with<T>(_ body: (UploadFolder) async throws -> T) async throws -> T {
        let folder = try UploadFolder()
        defer { folder.remove() }
        return try await body(folder)
    }
}
