import Foundation

extension Exchange {
    /// A channel in the actor's list: how it is named for them and what they have not read.
    public struct ChannelEntry: Sendable, Equatable {
        public var channel: ExchangeChannel
        public var seat: ChannelSeat
        /// The channel's name, or for a direct conversation the other people's names.
        public var title: String
        public var unread: UnreadCount
    }

    /// The channels the actor sits in: starred first, then by name; direct conversations last,
    /// newest first.
    public func channels(_ actor: Requester) async throws -> [ChannelEntry] {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        return try await env.persistence.read { repos in
            let seats = try await repos.channels.seats(of: me)
            let unread = try await repos.channels.unread(of: me)
            let titles = try await directTitles(seats.map(\.channel), me: me, repos)
            let entries = seats.map { channel, seat in
                ChannelEntry(
                    channel: channel, seat: seat, title: titles[channel.id] ?? channel.name,
                    unread: unread[channel.id] ?? UnreadCount(messages: 0, mentions: 0))
            }
            return entries.sorted(by: Self.listOrder)
        }
    }

    static func listOrder(_ a: ChannelEntry, _ b: ChannelEntry) -> Bool {
        let (aDirect, bDirect) = (a.channel.kind == .direct, b.channel.kind == .direct)
        if aDirect != bDirect { return bDirect }
        if aDirect { return (a.channel.lastMessageAt ?? a.channel.createdAt) > (b.channel.lastMessageAt ?? b.channel.createdAt) }
        if a.seat.starred != b.seat.starred { return a.seat.starred }
        return a.title.localizedStandardCompare(b.title) == .orderedAscending
    }

    /// What messages are shown with: their reactions and files, the names of their authors
    /// and of the people they mention (or who reacted), and the names of the channels they
    /// refer to that the viewer may see.
    public struct MessageDetails: Sendable {
        public var reactions: [Int64: [Reaction]] = [:]
        public var files: [Int64: [MessageFile]] = [:]
        public var names: [Int64: String] = [:]
        public var channelNames: [Int64: String] = [:]
    }

    /// A page of a channel's timeline, with everything needed to show it.
    public struct ChannelView: Sendable {
        public var channel: ExchangeChannel
        public var title: String
        public var seat: ChannelSeat?
        public var access: ChannelAccess
        /// Oldest first.
        public var messages: [Message]
        public var details: MessageDetails
        /// The id to ask for older messages with, when there are any.
        public var olderThan: Int64?
        public var memberCount: Int
        /// Where the viewer's unread messages begin on this page (the first unread id).
        public var firstUnreadID: Int64?
        /// The newest event when the page was read: live updates resume after it.
        public var eventCursor: Int64
    }

    /// The newest messages (or those before `before`); showing the newest marks them read.
    public func show(_ actor: Requester, channelID: Int64, before: Int64? = nil) async throws -> ChannelView {
        let view = try await env.persistence.read { repos -> ChannelView in
            let (channel, access) = try await visible(channelID, to: actor, repos)
            let cursor = try await repos.messages.latestEventID()
            let seat = try await actor.memberID.asyncMap { try await repos.channels.seat(channelID: channelID, memberID: $0) } ?? nil
            let page = try await repos.messages.timeline(channelID: channelID, before: before, limit: Self.limits.page + 1)
            let messages = Array(page.prefix(Self.limits.page).reversed())
            let seated = try await repos.channels.seatedMembers(of: channelID)
            let titles = try await actor.memberID.asyncMap { try await directTitles([channel], me: $0, repos) } ?? [:]
            return ChannelView(
                channel: channel, title: titles[channel.id] ?? channel.name, seat: seat, access: access, messages: messages,
                details: try await details(of: messages, actor: actor, repos), olderThan: page.count > Self.limits.page ? messages.first?.id : nil,
                memberCount: seated.count,
                firstUnreadID: seat.flatMap { seat in messages.first { $0.id > seat.lastReadID && $0.authorID != seat.memberID }?.id },
                eventCursor: cursor
            )
        }
        if before == nil, let seat = view.seat, let newest = view.messages.last?.id, newest > seat.lastReadID {
            try await env.persistence.write { try await $0.channels.markRead(channelID: channelID, memberID: seat.memberID, upTo: newest) }
        }
        return view
    }

    /// A thread: its first message and every reply.
    public struct ThreadView: Sendable {
        public var channel: ExchangeChannel
        public var title: String
        public var access: ChannelAccess
        public var root: Message
        public var replies: [Message]
        public var details: MessageDetails
        public var eventCursor: Int64
    }

    public func thread(_ actor: Requester, rootID: Int64) async throws -> ThreadView {
        try await env.persistence.read { repos in
            let (found, access) = try await visibleMessage(rootID, to: actor, repos)
            let cursor = try await repos.messages.latestEventID()
            let root = try await found.threadRootID.asyncMap { try await repos.messages.find(id: $0) } ?? found
            guard let root else { throw MusubiError.notFound }
            guard let channel = try await repos.channels.find(id: root.channelID) else { throw MusubiError.notFound }
            let replies = try await repos.messages.replies(to: root.id)
            let titles = try await actor.memberID.asyncMap { try await directTitles([channel], me: $0, repos) } ?? [:]
            return ThreadView(
                channel: channel, title: titles[channel.id] ?? channel.name, access: access, root: root, replies: replies,
                details: try await details(of: [root] + replies, actor: actor, repos), eventCursor: cursor)
        }
    }

    /// One message the actor may see (a tombstone included), with what it is shown with.
    public func shown(_ actor: Requester, messageID: Int64) async throws -> (message: Message, details: MessageDetails) {
        try await env.persistence.read { repos in
            let (message, _) = try await visibleMessage(messageID, to: actor, repos)
            return (message, try await details(of: [message], actor: actor, repos))
        }
    }

    /// A message that names the actor or the whole channel, with where it was said.
    public struct Mention: Sendable {
        public var message: Message
        public var channelTitle: String
        public var names: [Int64: String]
    }

    /// Messages in the actor's channels that mention them or everyone there, newest first.
    public func mentions(_ actor: Requester, page: PageRequest) async throws -> Page<Mention> {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        return try await env.persistence.read { repos in
            let seats = try await repos.channels.seats(of: me)
            let found = try await repos.messages.mentioning(me, in: seats.map(\.channel.id), page: page)
            let titles = try await directTitles(seats.map(\.channel), me: me, repos)
            let channels = Dictionary(uniqueKeysWithValues: seats.map { ($0.channel.id, $0.channel) })
            let names = try await repos.members.names(of: Array(Self.people(in: found.items)))
            return found.map { message in
                Mention(message: message, channelTitle: titles[message.channelID] ?? channels[message.channelID]?.name ?? "", names: names)
            }
        }
    }

    /// "What you missed": the actor's channels with unread messages they want to hear about
    /// (muted channels and those set to nothing left out; those set to mentions only when
    /// they are mentioned), most mentioned first.
    public func missed(_ actor: Requester, limit: Int = 8) async throws -> [ChannelEntry] {
        try await channels(actor)
            .filter { entry in
                guard !entry.seat.muted else { return false }
                switch entry.seat.notify {
                case .everything: return entry.unread.messages > 0 || entry.unread.mentions > 0
                case .mentions: return entry.unread.mentions > 0
                case .nothing: return false
                }
            }
            .sorted { ($0.unread.mentions, $0.unread.messages) > ($1.unread.mentions, $1.unread.messages) }
            .prefix(limit).map { $0 }
    }

    // MARK: Helpers

    /// Names for direct conversations: the other people, by name.
    func directTitles(_ channels: [ExchangeChannel], me: Int64, _ repos: any Repositories) async throws -> [Int64: String] {
        var titles: [Int64: String] = [:]
        for channel in channels where channel.kind == .direct {
            let others = try await repos.channels.seatedMembers(of: channel.id).filter { $0 != me }
            let names = try await repos.members.names(of: others)
            titles[channel.id] = others.compactMap { names[$0] }.joined(separator: "、")
        }
        return titles
    }

    /// Authors and people mentioned in these messages.
    static func people(in messages: [Message]) -> Set<Int64> {
        var ids = Set(messages.compactMap(\.authorID))
        for message in messages { ids.formUnion(MessageText.mentions(in: message.body).people) }
        return ids
    }

    /// The reactions, files and names these messages are shown with.
    private func details(of messages: [Message], actor: Requester, _ repos: any Repositories) async throws -> MessageDetails {
        var details = MessageDetails()
        let ids = messages.map(\.id)
        let found = try await repos.messages.reactions(to: ids)
        details.reactions = Dictionary(grouping: found, by: \.messageID)
        details.files = Dictionary(grouping: try await repos.messages.files(of: ids), by: \.messageID)
        var people = Self.people(in: messages)
        people.formUnion(found.flatMap(\.memberIDs))
        details.names = try await repos.members.names(of: Array(people))
        let referred = Set(
            messages.flatMap { MessageText.tokens(in: $0.body) }.compactMap { token -> Int64? in
                if case .channel(let id) = token { return id }
                return nil
            })
        for id in referred.prefix(20) {
            if let (channel, _) = try? await visible(id, to: actor, repos), channel.kind != .direct { details.channelNames[id] = channel.name }
        }
        return details
    }
}
