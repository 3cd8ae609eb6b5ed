import Foundation

/// A message brought in from another system, with its original time and the key that
/// recognises it when the same export is imported again.
public struct ImportedMessage: Sendable {
    /// What recognises an imported message: its channel and its key there.
    public struct Key: Sendable, Hashable {
        public var channelID: Int64
        public var importKey: String

        public init(channelID: Int64, importKey: String) {
            self.channelID = channelID
            self.importKey = importKey
        }
    }

    /// An imported message as it is stored now.
    public struct Found: Sendable, Equatable {
        public var id: Int64
        /// When it was last edited (where it came from, or here).
        public var editedAt: Date?
        public var deleted: Bool

        public init(id: Int64, editedAt: Date?, deleted: Bool) {
            self.id = id
            self.editedAt = editedAt
            self.deleted = deleted
        }
    }

    public var channelID: Int64
    public var authorID: Int64?
    public var authorName: String
    public var authorIcon: String
    /// Stored text (see `MessageText`): mentions only of people seated in the channel.
    public var body: String
    /// Where a reply's thread starts: a message stored before, or one earlier in the same
    /// call to `ImportRepository.insert` (by its place there).
    public enum ThreadRoot: Sendable, Equatable {
        case stored(Int64)
        case earlierInBatch(Int)
    }

    public var threadRoot: ThreadRoot?
    public var alsoInChannel: Bool
    public var createdAt: Date
    public var editedAt: Date?
    /// Deleted where it came from: kept as a tombstone, so that its thread holds.
    public var deleted: Bool
    /// Unique within the channel.
    public var importKey: String
    /// People who reacted, by emoji, in the order given.
    public var reactions: [(emoji: String, memberIDs: [Int64])]
    /// Files it carries, already in the file store.
    public var files: [StoredFile]

    public init(
        channelID: Int64, authorID: Int64?, authorName: String = "", authorIcon: String = "", body: String, threadRoot: ThreadRoot? = nil,
        alsoInChannel: Bool = false, createdAt: Date, editedAt: Date? = nil, deleted: Bool = false, importKey: String,
        reactions: [(emoji: String, memberIDs: [Int64])] = [], files: [StoredFile] = []
    ) {
        self.channelID = channelID
        self.authorID = authorID
        self.authorName = authorName
        self.authorIcon = authorIcon
        self.body = body
        self.threadRoot = threadRoot
        self.alsoInChannel = alsoInChannel
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.deleted = deleted
        self.importKey = importKey
        self.reactions = reactions
        self.files = files
    }
}

/// What an import added to one channel.
public struct ImportedChannelActivity: Sendable, Equatable {
    public var channelID: Int64
    /// The channel's newest message before the import (0 for none).
    public var newestBefore: Int64
    /// The newest id and the newest time among the messages imported into it.
    public var newestImportedID: Int64
    public var newestImportedAt: Date

    public init(channelID: Int64, newestBefore: Int64, newestImportedID: Int64, newestImportedAt: Date) {
        self.channelID = channelID
        self.newestBefore = newestBefore
        self.newestImportedID = newestImportedID
        self.newestImportedAt = newestImportedAt
    }
}

/// What a migration needs beyond the everyday repositories: records it made before, found by
/// their import keys, and messages written many at a time.
public protocol ImportRepository: Sendable {
    /// The people an earlier import made, by their keys.
    func members(importKeys: [String]) async throws -> [String: Int64]
    /// Gives the person the key unless they have one (from another workspace).
    func setImportKey(_ key: String, ofMember id: Int64) async throws
    /// The channel an earlier import made with this key.
    func channel(importKey: String) async throws -> ExchangeChannel?
    /// Gives the channel the key unless it has one.
    func setImportKey(_ key: String, ofChannel id: Int64) async throws
    /// The imported messages already in these channels, as they are stored now.
    func messages(in channelIDs: [Int64]) async throws -> [ImportedMessage.Key: ImportedMessage.Found]
    /// The newest message id in each of these channels (0 for none).
    func newestMessageIDs(in channelIDs: [Int64]) async throws -> [Int64: Int64]
    /// Stores the messages with their mentions, reactions and files, and gives their ids, in the
    /// order given (the ids increase in it). They are not searchable until `index` is called.
    func insert(_ messages: [ImportedMessage]) async throws -> [Int64]
    /// Puts imported messages in the search index, each as `SearchGrams.indexed` gives its
    /// `MessageText.searchable` text, many at a time.
    func index(_ messages: [(id: Int64, indexed: String)]) async throws
    /// After an import: the threads that got replies count them, the channels that got
    /// messages show their last activity, and whoever had read such a channel up to its
    /// newest message before the import has read the imported history too.
    func settle(threadRoots: [Int64], channels: [ImportedChannelActivity]) async throws
}
