import Foundation

/// The cross-field exchange: channels and the people seated in them. Messages, reading and
/// unread counts are in the `Exchange+…` files.
public struct Exchange: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public static let limits = (name: 80, topic: 250, description: 1_000, directPeople: 8, page: 50)
    /// How long a channel may keep its messages, in days.
    public static let retentionDays = 1...36_500

    // MARK: Channels

    public func create(_ actor: Requester, _ draft: ChannelDraft) async throws -> ExchangeChannel {
        try Policy.require(actor, .create, .channels, hiding: false)
        guard let creator = actor.memberID else { throw MusubiError.unauthenticated }
        let tree = try await Directory(env).fieldTree()
        var check = Validator()
        var clean = ChannelDraft(
            kind: draft.kind, purpose: draft.purpose,
            name: check.text("name", draft.name, required: true, limit: Self.limits.name),
            topic: check.text("topic", draft.topic, limit: Self.limits.topic),
            description: check.text("description", draft.description, limit: Self.limits.description, multiline: true),
            fieldID: draft.fieldID
        )
        if clean.kind == .direct { check.fail("kind", "error.channel_kind") }
        if clean.purpose == .group { check.fail("purpose", "error.channel_purpose") }
        if let field = clean.fieldID, tree.field(field) == nil { check.fail("fieldID", "error.field_unknown") }
        if clean.purpose == .field && clean.fieldID == nil { check.fail("fieldID", "error.required") }
        if clean.purpose != .field { clean.fieldID = nil }
        try check.check()
        let now = env.now()
        let draft = clean
        return try await env.persistence.write { repos in
            if draft.kind == .public, try await repos.channels.find(name: draft.name) != nil {
                throw MusubiError.conflict("error.channel_name_taken")
            }
            let channel = try await repos.channels.insert(draft, groupID: nil, directKey: nil, createdBy: creator, at: now)
            try await repos.channels.addSeat(channelID: channel.id, memberID: creator, at: now)
            return channel
        }
    }

    /// The direct conversation of the actor and the people named (one to seven others); the
    /// same people always come back to the same conversation.
    public func openDirect(_ actor: Requester, with others: [Int64]) async throws -> ExchangeChannel {
        try Policy.require(actor, .create, .channels, hiding: false)
        guard let me = actor.memberID else { throw MusubiError.unauthenticated }
        let people = Set(others + [me])
        guard people.count >= 2 else { throw MusubiError.invalid("members", "error.direct_needs_someone") }
        guard people.count <= Self.limits.directPeople else { throw MusubiError.invalid("members", "error.direct_too_many") }
        let key = people.sorted().map(String.init).joined(separator: ",")
        let now = env.now()
        return try await env.persistence.write { repos in
            if let existing = try await repos.channels.find(directKey: key) { return existing }
            for id in people where id != me {
                guard let member = try await repos.members.find(id: id), member.status == .active else {
                    throw MusubiError.invalid("members", "error.member_unknown")
                }
            }
            let channel = try await repos.channels.insert(ChannelDraft(kind: .direct, name: ""), groupID: nil, directKey: key, createdBy: me, at: now)
            for id in people.sorted() { try await repos.channels.addSeat(channelID: channel.id, memberID: id, at: now) }
            return channel
        }
    }

    public func browse(_ actor: Requester, term: String, page: PageRequest) async throws -> Page<ChannelListing> {
        try Policy.require(actor, .list, .channels)
        let term = String(term.trimmingCharacters(in: .whitespaces).prefix(Self.limits.name))
        return try await env.persistence.read { try await $0.channels.browse(term: term, page: page) }
    }

    public func describe(_ actor: Requester, channelID: Int64, topic: String, description: String) async throws {
        var check = Validator()
        let topic = check.text("topic", topic, limit: Self.limits.topic)
        let description = check.text("description", description, limit: Self.limits.description, multiline: true)
        try check.check()
        try await env.persistence.write { repos in
            let (_, access) = try await visible(channelID, to: actor, repos)
            try Policy.require(actor, .edit, .channel(access), hiding: false)
            try await repos.channels.update(id: channelID, topic: topic, description: description)
        }
    }

    /// An admin's retention period in days (1 to 36,500), or nil to keep everything.
    public func setRetention(_ actor: Requester, channelID: Int64, days: Int?) async throws {
        if let days, !Self.retentionDays.contains(days) { throw MusubiError.invalid("retentionDays", "error.retention_days") }
        let now = env.now()
        try await env.persistence.write { repos in
            let (channel, access) = try await visible(channelID, to: actor, repos)
            try Policy.require(actor, .configure, .channel(access), hiding: false)
            try await repos.channels.setRetention(id: channelID, days: days)
            try await repos.audit.append(
                actorID: actor.memberID, action: .channelRetentionSet, subjectType: "channel", subjectID: channel.id,
                detail: days.map(String.init) ?? "off", at: now)
        }
    }

    /// An admin marks a public channel as one of the network's announcements (everyone who
    /// joins from now on is seated in it), or unmarks it.
    public func setAnnouncement(_ actor: Requester, channelID: Int64, _ isAnnouncement: Bool) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            let (channel, access) = try await visible(channelID, to: actor, repos)
            try Policy.require(actor, .configure, .channel(access), hiding: false)
            guard channel.kind == .public, !channel.followsGroup else { throw MusubiError.invalid("announcement", "error.announcement_public") }
            try await repos.channels.setAnnouncement(id: channelID, isAnnouncement)
            try await repos.audit.append(
                actorID: actor.memberID, action: .channelAnnouncementSet, subjectType: "channel", subjectID: channel.id,
                detail: isAnnouncement ? "on" : "off", at: now)
        }
    }

    /// Seats someone who has just joined the network in its announcement channels, in the
    /// transaction that let them in.
    static func seatInAnnouncements(_ memberID: Int64, _ repos: any Repositories, at now: Date) async throws {
        for channelID in try await repos.channels.announcementChannels() {
            _ = try await repos.channels.addSeat(channelID: channelID, memberID: memberID, at: now)
        }
    }

    // MARK: Seats

    public func join(_ actor: Requester, channelID: Int64) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            let (_, access) = try await visible(channelID, to: actor, repos)
            guard !access.seated else { return }
            try Policy.require(actor, .join, .channel(access), hiding: false)
            guard let me = actor.memberID else { throw MusubiError.unauthenticated }
            try await repos.channels.addSeat(channelID: channelID, memberID: me, at: now)
        }
    }

    public func leave(_ actor: Requester, channelID: Int64) async throws {
        try await env.persistence.write { repos in
            let (_, access) = try await visible(channelID, to: actor, repos)
            try Policy.require(actor, .leave, .channel(access), hiding: false)
            guard let me = actor.memberID else { throw MusubiError.unauthenticated }
            try await repos.channels.removeSeat(channelID: channelID, memberID: me)
        }
    }

    /// Seats other active people, all or none; only coordinators bring guests in.
    public func invite(_ actor: Requester, channelID: Int64, memberIDs: [Int64]) async throws {
        guard !memberIDs.isEmpty else { throw MusubiError.invalid("member", "error.required") }
        let now = env.now()
        try await env.persistence.write { repos in
            let (_, access) = try await visible(channelID, to: actor, repos)
            for memberID in Set(memberIDs).sorted() {
                guard let member = try await repos.members.find(id: memberID), member.status == .active else {
                    throw MusubiError.invalid("member", "error.member_unknown")
                }
                try Policy.require(actor, .invite(member.role), .channel(access), hiding: false)
                try await repos.channels.addSeat(channelID: channelID, memberID: memberID, at: now)
            }
        }
    }

    /// Star, mute and notification level of the actor's own seat.
    public func adjustSeat(_ actor: Requester, channelID: Int64, starred: Bool? = nil, muted: Bool? = nil, notify: NotifyLevel? = nil) async throws {
        try await env.persistence.write { repos in
            guard let me = actor.memberID, var seat = try await repos.channels.seat(channelID: channelID, memberID: me) else {
                _ = try await visible(channelID, to: actor, repos)
                throw MusubiError.invalid("channel", "error.channel_not_seated")
            }
            if let starred { seat.starred = starred }
            if let muted { seat.muted = muted }
            if let notify { seat.notify = notify }
            try await repos.channels.updateSeat(seat)
        }
    }

    // MARK: Access

    /// The channel and how the actor stands to it, when they may see it; else it does not
    /// exist for them.
    func visible(_ channelID: Int64, to actor: Requester, _ repos: any Repositories) async throws -> (ExchangeChannel, ChannelAccess) {
        guard actor != .anonymous else { throw MusubiError.unauthenticated }
        guard let channel = try await repos.channels.find(id: channelID) else { throw MusubiError.notFound }
        let seated = try await actor.memberID.asyncMap { try await repos.channels.seat(channelID: channelID, memberID: $0) } ?? nil
        let access = ChannelAccess(kind: channel.kind, seated: seated != nil, followsGroup: channel.followsGroup)
        try Policy.require(actor, .view, .channel(access))
        return (channel, access)
    }
}
