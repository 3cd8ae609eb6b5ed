import Foundation

/// Everything the tests write to disk (file stores, zipped exports, scratch folders) goes in
/// one folder per test run, removed when the run ends.
public enum TestFolders {
    public static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "musubi-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: TestFolders.root) }
        return root
    }()

    /// A new folder's location (not yet made), its name starting with `name`.
    public static func new(_ name: String) -> URL {
        root.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }
}
