import Foundation

/// Where uploaded files are kept (a folder under the data directory). Names are the store's
/// own; what a file was called lives in the database.
public protocol FileStore: Sendable {
    /// Keeps the bytes and returns the name to ask for them by.
    func save(_ data: Data) async throws -> String
    /// Keeps the bytes under a name the store gave them before (a restore); refuses a name
    /// that is not of the kind it gives, and one it has a file under already.
    func save(_ data: Data, as name: String) async throws
    func read(_ name: String) async throws -> Data
    func delete(_ name: String) async throws
    /// The names of the files it has kept since before `date`.
    func names(savedBefore date: Date) async throws -> [String]
}

public protocol AttachmentRepository: Sendable {
    func insert(listingID: Int64, filename: String, kind: FileKind, size: Int, storedName: String, by: Int64?, at: Date) async throws -> Attachment
    func find(id: Int64) async throws -> Attachment?
    func of(listingID: Int64) async throws -> [Attachment]
    func delete(id: Int64) async throws -> Bool
    /// Every name the file store keeps a file under for a record: listings' attachments and
    /// messages' files.
    func storedNamesInUse() async throws -> Set<String>
}
