import Foundation

extension Exchange {
    /// An event with what it takes to deliver it: the message as it stands now, the names
    /// it shows, and who may receive it.
    public struct Delivery: Sendable {
        public var event: ChannelEvent
        public var message: Message
        public var reactions: [Reaction]
        public var files: [MessageFile]
        public var names: [Int64: String]
        public var channelKind: ChannelKind
        /// Everyone seated in the channel (the receivers, with watchers of a public channel).
        public var seated: Set<Int64>
    }

    /// The newest event's id: where live delivery starts.
    public func latestEventID() async throws -> Int64 {
        try await env.persistence.read { try await $0.messages.latestEventID() }
    }

    /// The events after `id`, in order, for the realtime hub (which checks receivers itself).
    public func deliveries(after id: Int64, limit: Int = 500) async throws -> [Delivery] {
        try await env.persistence.read { repos in
            let events = try await repos.messages.events(after: id, in: nil, limit: limit)
            return try await deliveries(of: events, repos)
        }
    }

    /// A stretch of the event log read for one client.
    public struct Replay: Sendable {
        /// The events that can still be delivered (an event whose message has since been
        /// removed for good is skipped).
        public var deliveries: [Delivery]
        /// The newest event read, delivered or skipped: where the next stretch begins.
        public var readThrough: Int64?
        /// Whether the log had fewer events than asked for, so nothing more is waiting.
        public var isComplete: Bool
    }

    /// What a reconnecting client missed: the events after `id` in the channels the actor sits
    /// in, and in `watching` when they may read it.
    public func replay(_ actor: Requester, after id: Int64, watching: Int64? = nil, limit: Int = 1_000) async throws -> Replay {
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        return try await env.persistence.read { repos in
            var channels = try await repos.channels.seats(of: me).map(\.channel.id)
            if let watching, let (channel, _) = try? await visible(watching, to: actor, repos) { channels.append(channel.id) }
            let events = try await repos.messages.events(after: id, in: channels, limit: limit)
            return Replay(deliveries: try await deliveries(of: events, repos), readThrough: events.last?.id, isComplete: events.count < limit)
        }
    }

    /// Whether the actor may watch a channel live without a seat (a public one they can read).
    public func mayWatch(_ actor: Requester, channelID: Int64) async throws -> Bool {
        try await env.persistence.read { repos in (try? await visible(channelID, to: actor, repos)) != nil }
    }

    private func deliveries(of events: [ChannelEvent], _ repos: any Repositories) async throws -> [Delivery] {
        var result: [Delivery] = []
        var channels: [Int64: (ChannelKind, Set<Int64>)] = [:]
        for event in events {
            guard let message = try await repos.messages.find(id: event.messageID) else { continue }
            if channels[event.channelID] == nil, let channel = try await repos.channels.find(id: event.channelID) {
                channels[event.channelID] = (channel.kind, Set(try await repos.channels.seatedMembers(of: channel.id)))
            }
            guard let (kind, seated) = channels[event.channelID] else { continue }
            let reactions = try await repos.messages.reactions(to: [message.id])
            var people = Self.people(in: [message])
            people.formUnion(reactions.flatMap(\.memberIDs))
            let files = message.isDeleted ? [] : try await repos.messages.files(of: [message.id])
            result.append(
                Delivery(
                    event: event, message: message, reactions: reactions, files: files, names: try await repos.members.names(of: Array(people)),
                    channelKind: kind, seated: seated))
        }
        return result
    }
}

extension Exchange {
    /// Who hears that the actor is typing in a channel, and under what name; nil when the
    /// actor may not write there.
    public func typingAudience(_ actor: Requester, channelID: Int64) async throws -> (name: String, seated: Set<Int64>)? {
        guard let me = actor.memberID else { return nil }
        return try await env.persistence.read { repos in
            guard let (_, access) = try? await visible(channelID, to: actor, repos), Policy.can(actor, .post, .channel(access)) else { return nil }
            let name = try await repos.members.names(of: [me])[me] ?? ""
            return (name, Set(try await repos.channels.seatedMembers(of: channelID)))
        }
    }
}
