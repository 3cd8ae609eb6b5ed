import Foundation

/// A folder only this process may enter, in the installation's `UploadArea`, for the files of
/// one request; removed when the request ends (what must outlive it, such as an export being
/// imported, is moved out first).
public final class UploadFolder: Sendable {
    public let url: URL

    public init(in area: UploadArea) throws {
        url = try area.newFolder("request")
    }

    func newFile() -> URL {
        url.appendingPathComponent(UUID().uuidString)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Runs `body` with a new folder and removes it afterwards, also when `body` throws.
    static func with<T>(in area: UploadArea, _ body: (UploadFolder) async throws -> T) async throws -> T {
        let folder = try UploadFolder(in: area)
        defer { folder.remove() }
        return try await body(folder)
    }
}
