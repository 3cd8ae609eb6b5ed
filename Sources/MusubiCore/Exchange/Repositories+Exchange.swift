import Foundation

/// A channel as a list shows it: with how many people sit in it.
public struct ChannelListing: Sendable, Equatable {
    public var channel: ExchangeChannel
    public var memberCount: Int

    public init(channel: ExchangeChannel, memberCount: Int) {
        self.channel = channel
        self.memberCount = memberCount
    }
}

/// How much a person has not read in one channel.
public struct UnreadCount: Sendable, Equatable {
    public var messages: Int
    public var mentions: Int

    public init(messages: Int, mentions: Int) {
        self.messages = messages
        self.mentions = mentions
    }
}

public protocol ChannelRepository: Sendable {
    func insert(_ draft: ChannelDraft, groupID: Int64?, directKey: String?, createdBy: Int64?, at: Date) async throws -> ExchangeChannel
    func find(id: Int64) async throws -> ExchangeChannel?
    /// The public channel of that name (only public names are unique).
    func find(name: String) async throws -> ExchangeChannel?
    /// The direct conversation of exactly these people (their sorted ids, joined by commas).
    func find(directKey: String) async throws -> ExchangeChannel?
    func channel(ofGroup groupID: Int64) async throws -> ExchangeChannel?
    func update(id: Int64, topic: String, description: String) async throws
    func setRetention(id: Int64, days: Int?) async throws
    func setAnnouncement(id: Int64, _ isAnnouncement: Bool) async throws
    /// The channels new members are seated in.
    func announcementChannels() async throws -> [Int64]
    /// The channels an admin has given a retention period.
    func withRetention() async throws -> [ExchangeChannel]
    /// Public channels, optionally only those whose name holds `term`, busiest first.
    func browse(term: String, page: PageRequest) async throws -> Page<ChannelListing>

    func seat(channelID: Int64, memberID: Int64) async throws -> ChannelSeat?
    /// Every channel a person sits in, with their seat.
    func seats(of memberID: Int64) async throws -> [(channel: ExchangeChannel, seat: ChannelSeat)]
    /// Gives the person a seat unless they have one, with what is there already read; true
    /// when one was added.
    @discardableResult
    func addSeat(channelID: Int64, memberID: Int64, at: Date) async throws -> Bool
    func removeSeat(channelID: Int64, memberID: Int64) async throws
    func updateSeat(_ seat: ChannelSeat) async throws
    /// Moves the person's read mark forward (never back) to `messageID`.
    func markRead(channelID: Int64, memberID: Int64, upTo messageID: Int64) async throws
    /// The active people seated (a deactivated person keeps the seat but hears nothing).
    func seatedMembers(of channelID: Int64) async throws -> [Int64]
    /// The people seated who muted the channel or asked to hear nothing from it.
    func quietSeats(of channelID: Int64) async throws -> Set<Int64>
    /// What the person has not read, in each channel they sit in that has anything unread.
    func unread(of memberID: Int64) async throws -> [Int64: UnreadCount]
}

/// A message to store: its stored text (see `MessageText`), who wrote it, where, and what it
/// mentions and carries.
public struct NewMessage: Sendable {
    public var channelID: Int64
    public var authorID: Int64?
    /// The name shown when there is no author (a webhook's).
    public var authorName: String
    /// An emoji shown beside that name.
    public var authorIcon: String
    public var body: String
    public var threadRootID: Int64?
    public var alsoInChannel: Bool
    public var mentions: Set<Int64>
    public var mentionsChannel: Bool
    public var files: [StoredFile]
    public var at: Date

    public init(
        channelID: Int64, authorID: Int64?, authorName: String = "", authorIcon: String = "", body: String, threadRootID: Int64? = nil,
        alsoInChannel: Bool = false, mentions: Set<Int64> = [], mentionsChannel: Bool = false, files: [StoredFile] = [], at: Date
    ) {
        self.channelID = channelID
        self.authorID = authorID
        self.authorName = authorName
        self.authorIcon = authorIcon
        self.body = body
        self.threadRootID = threadRootID
        self.alsoInChannel = alsoInChannel
        self.mentions = mentions
        self.mentionsChannel = mentionsChannel
        self.files = files
        self.at = at
    }
}

public protocol MessageRepository: Sendable {
    /// Stores a message with the people it mentions and the files it carries (their names
    /// searchable with its text), and moves the channel's (and the thread root's) last
    /// activity on.
    func insert(_ new: NewMessage) async throws -> Message
    func find(id: Int64) async throws -> Message?
    /// The messages with these ids that exist, in no particular order.
    func find(ids: [Int64]) async throws -> [Message]
    /// The channel's timeline, newest first, older than `before` when given.
    func timeline(channelID: Int64, before: Int64?, limit: Int) async throws -> [Message]
    /// A thread's replies, oldest first.
    func replies(to rootID: Int64) async throws -> [Message]
    func edit(id: Int64, body: String, mentions: Set<Int64>, mentionsChannel: Bool, at: Date) async throws
    /// Empties the text, removes its files' records and marks it deleted; the row stays as a
    /// tombstone. Gives the stored names of the files, for the file store to drop.
    func tombstone(id: Int64, at: Date) async throws -> [String]
    /// Removes for good up to `limit` threads (a message with its replies) whose last word in
    /// the channel came before `cutoff`, with their mentions, reactions, files and search
    /// entries (the database's newest message always stays). Gives how many messages went,
    /// and the stored names of their files, for the file store to drop.
    func removeExpired(channelID: Int64, before cutoff: Date, threads limit: Int) async throws -> (messages: Int, storedFiles: [String])
    /// The files these messages carry, in the order they were posted.
    func files(of messageIDs: [Int64]) async throws -> [MessageFile]
    /// The files of a channel's messages (threads included), newest first.
    func files(inChannel channelID: Int64, page: PageRequest) async throws -> Page<MessageFile>
    func file(id: Int64) async throws -> MessageFile?
    func reactions(to messageIDs: [Int64]) async throws -> [Reaction]
    /// Gives the person's reaction or takes it back; true when that changed anything.
    func setReaction(messageID: Int64, memberID: Int64, emoji: String, present: Bool, at: Date) async throws -> Bool
    /// Messages (roots and replies) in the given channels that name the person or the whole
    /// channel, newest first.
    func mentioning(_ memberID: Int64, in channelIDs: [Int64], page: PageRequest) async throws -> Page<Message>
    func appendEvent(channelID: Int64, kind: ChannelEvent.Kind, messageID: Int64, at: Date) async throws -> ChannelEvent
    /// Events after `id` in the given channels (nil: in every channel), oldest first.
    func events(after id: Int64, in channelIDs: [Int64]?, limit: Int) async throws -> [ChannelEvent]
    func latestEventID() async throws -> Int64
}

/// The messages a search looks among: those matching every phrase, in the channels the
/// searcher may see, narrowed by the filters. Deleted messages never match.
public struct MessageSearchFilter: Sendable, Equatable {
    public var phrases: [SearchGrams.Phrase]
    /// Every public channel as well as the seated ones.
    public var includePublic: Bool
    public var seatedChannelIDs: [Int64]
    /// Only these channels (`in:`), when given.
    public var channelIDs: [Int64]?
    /// Only by these people (`from:`), when given.
    public var authorIDs: [Int64]?
    public var since: Date?
    public var until: Date?
    /// Only messages that carry a file (`has:file`).
    public var hasFile: Bool

    public init(
        phrases: [SearchGrams.Phrase], includePublic: Bool, seatedChannelIDs: [Int64], channelIDs: [Int64]? = nil,
        authorIDs: [Int64]? = nil, since: Date? = nil, until: Date? = nil, hasFile: Bool = false
    ) {
        self.phrases = phrases
        self.includePublic = includePublic
        self.seatedChannelIDs = seatedChannelIDs
        self.channelIDs = channelIDs
        self.authorIDs = authorIDs
        self.since = since
        self.until = until
        self.hasFile = hasFile
    }
}

/// The search index of messages, kept in the same transaction as the messages themselves.
public protocol MessageSearchRepository: Sendable {
    /// Matching messages, newest first.
    func search(_ filter: MessageSearchFilter, limit: Int, offset: Int) async throws -> [Message]
    /// The ids and texts of the newest matching messages, newest first: what ranking reads
    /// (what a message is found by: its searchable text, then its files' names, a line each).
    func texts(_ filter: MessageSearchFilter, limit: Int) async throws -> [(id: Int64, text: String)]
    /// How many messages match, counting no further than `cap`.
    func countMatches(_ filter: MessageSearchFilter, cap: Int) async throws -> Int
}

public protocol WebhookRepository: Sendable {
    func insert(channelID: Int64, name: String, secretDigest: String, by: Int64?, at: Date) async throws -> Webhook
    /// The webhook whose secret has this digest, revoked or not.
    func find(secretDigest: String) async throws -> Webhook?
    /// A channel's webhooks, revoked ones included, newest first.
    func of(channelID: Int64) async throws -> [Webhook]
    /// Marks it revoked unless it was; true when it was not.
    func revoke(id: Int64, channelID: Int64, at: Date) async throws -> Bool
    func markUsed(id: Int64, at: Date) async throws
}
