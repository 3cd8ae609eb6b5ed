import Foundation

/// Where uploaded files wait while a request or a job reads them: a folder of the
/// installation's (`<data folder>/uploads`), never the system's temporary folder, as a Slack
/// export holds private conversations. Each request or job has a folder of its own inside,
/// readable by this process only, removed when it ends; what a killed process left behind is
/// swept at the next start (`sweep`) and after the server stops.
public struct UploadArea: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// A new folder for one request or job.
    func newFolder(_ purpose: String) throws -> URL {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let folder = root.appendingPathComponent("\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return folder
    }

    /// Removes everything inside; only while no request or job of this installation runs.
    /// Gives how many folders and files were removed.
    @discardableResult
    public func sweep() -> Int {
        let left = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)) ?? []
        return left.filter { (try? FileManager.default.removeItem(at: $0)) != nil }.count
    }
}
