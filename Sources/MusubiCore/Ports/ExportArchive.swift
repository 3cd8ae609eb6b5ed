import Foundation

/// An archive a migration reads from (a Slack export's zip file): the paths of its entries,
/// as the archive names them, and each entry's contents.
public protocol ExportArchive: Sendable {
    /// Every entry, directories included (ending in `/`), in the archive's order.
    var entries: [ExportArchiveEntry] { get }
    func contents(of path: String) throws -> Data
}

/// Opens an archive file (the web's upload, once saved).
public protocol ExportArchiveOpener: Sendable {
    func open(_ file: URL) throws -> any ExportArchive
}

public struct ExportArchiveEntry: Sendable, Equatable {
    public var path: String
    /// A symbolic link: never followed, and never accepted in an export.
    public var isLink: Bool
    public var isDirectory: Bool
    public var size: UInt64

    public init(path: String, isLink: Bool = false, isDirectory: Bool = false, size: UInt64 = 0) {
        self.path = path
        self.isLink = isLink
        self.isDirectory = isDirectory
        self.size = size
    }
}
