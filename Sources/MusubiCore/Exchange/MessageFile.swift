import Foundation

/// A file posted with a message. Those who may see the message's channel see and fetch it;
/// it goes with the message when that is deleted or expires.
public struct MessageFile: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var messageID: Int64
    public var file: StoredFile

    public init(id: Int64, messageID: Int64, file: StoredFile) {
        self.id = id
        self.messageID = messageID
        self.file = file
    }

    public var filename: String { file.filename }
}

/// A file the file store keeps, as the database records it.
public struct StoredFile: Sendable, Equatable {
    /// The name it was uploaded under, shown and offered when downloading.
    public var filename: String
    public var kind: FileKind
    public var size: Int
    /// Where the file store keeps it; never shown.
    public var storedName: String

    public init(filename: String, kind: FileKind, size: Int, storedName: String) {
        self.filename = filename
        self.kind = kind
        self.size = size
        self.storedName = storedName
    }
}
