import Foundation
import Logging
import MusubiCore
import ServiceLifecycle

/// Fans the exchange's events out to the live connections allowed to see them.
///
/// The hub tails the event log: woken by `LiveSignal`, it reads every event after the last
/// one it delivered, in id order, so each channel's events arrive in the order they were
/// stored. A connection that comes back with the last id it saw first gets what it missed
/// from the log; events that arrive meanwhile wait, and those already replayed are skipped
/// (ids follow the order of commits), so nothing is lost or doubled.
///
/// What each connection signed in with is checked again every minute, and at once for a
/// person whose sign-in has just changed (`LiveSignal.signInChanges`): a connection it no
/// longer lets in is closed.
///
/// A person whose notifications changed gets their bell's new count on each of their
/// connections, whatever channel they are watching.
public actor LiveHub: Service {
    struct Connection {
        var actor: Requester
        var credential: LiveCredential
        var memberID: Int64
        var watching: Int64?
        var outbox: AsyncStream<String>.Continuation
        /// While the replay runs: live frames held back, by event id.
        var held: [(id: Int64, frame: String)]?
        /// The newest event the connection has had; older ones reaching the hub late were
        /// in its replay.
        var floor: Int64 = 0
        var typedAt: [Int64: Date] = [:]
    }

    /// Frames a connection may have waiting before it is closed as too slow (it then comes
    /// back and resumes from the log).
    static let outboxLimit = 5_000
    static let replayBatch = 500
    static let recheckInterval = Duration.seconds(60)

    private let signal: LiveSignal
    private let exchange: Exchange
    private let accounts: Accounts
    private let notifications: Notifications
    /// Times as the pages show them, in the installation's time zone.
    private let timeFormatter: DateFormatter
    private let logger: Logger
    private var connections: [UUID: Connection] = [:]
    /// When each person's connections were last checked again at a request's word: a
    /// connection whose credential was read before then (and registered after) is checked too.
    private var recheckedAt: [Int64: ContinuousClock.Instant] = [:]
    private var cursor: Int64?

    public init(
        signal: LiveSignal, exchange: Exchange, accounts: Accounts, notifications: Notifications, timeZone: TimeZone,
        logger: Logger = Logger(label: "musubi.live")
    ) {
        self.signal = signal
        self.exchange = exchange
        self.accounts = accounts
        self.notifications = notifications
        self.logger = logger
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        self.timeFormatter = formatter
    }

    /// Starts the log where it ends now. Called before the server takes requests, so that no
    /// event stored once people can post is taken for one from before.
    public func startAtLatestEvent() async throws {
        cursor = try await exchange.latestEventID()
    }

    public func run() async throws {
        if cursor == nil { try await startAtLatestEvent() }
        await withDiscardingTaskGroup { group in
            group.addTask { await self.recheckPeriodically() }
            group.addTask {
                for await memberID in self.signal.signInChanges.cancelOnGracefulShutdown() { await self.recheck(memberID: memberID) }
            }
            group.addTask {
                for await memberIDs in self.signal.notificationChanges.cancelOnGracefulShutdown() { await self.ringBells(of: memberIDs) }
            }
            for await _ in signal.wakeups.cancelOnGracefulShutdown() {
                do {
                    try await drain()
                } catch {
                    logger.error("live delivery failed", metadata: ["error": "\(error)"])
                }
            }
            group.cancelAll()
        }
        for connection in connections.values { connection.outbox.finish() }
    }

    private func recheckPeriodically() async {
        while (try? await Task.sleep(for: Self.recheckInterval)) != nil {
            await recheck()
        }
    }

    /// Checks again what the connections (of one person, or everyone's) signed in with:
    /// closes those it no longer lets in, and lets the others go on as what their person may
    /// now do (a new role, say). A check that fails (the database away) closes nothing.
    func recheck(memberID: Int64? = nil) async {
        if let memberID { recheckedAt[memberID] = .now }
        let chosen = connections.filter { memberID == nil || $0.value.memberID == memberID }
        // Each credential once, however many connections it holds open.
        for (credential, held) in Dictionary(grouping: chosen, by: \.value.credential) {
            let checked: Requester?
            do {
                checked = try await credential.actor(accounts, opening: false)
            } catch {
                logger.warning("live connection not checked again", metadata: ["member": "\(held[0].value.memberID)", "error": "\(error)"])
                continue
            }
            for (id, _) in held {
                guard let connection = connections[id] else { continue }
                if let actor = checked, actor.memberID == connection.memberID {
                    connections[id]?.actor = actor
                } else {
                    disconnect(id)
                }
            }
        }
    }

    /// Sends each person's new unread count to their connections (only people connected here
    /// cost a read).
    private func ringBells(of memberIDs: Set<Int64>) async {
        let connected = Dictionary(grouping: connections.filter { memberIDs.contains($0.value.memberID) }, by: \.value.memberID)
        for (memberID, held) in connected.sorted(by: { $0.key < $1.key }) {
            do {
                guard let unread = try await notifications.unreadCount(held[0].value.actor) else { continue }
                let frame = LiveFrame.notifications(unread: unread).json
                for (id, _) in held { send(frame, to: id) }
            } catch {
                logger.warning("bell not brought up to date", metadata: ["member": "\(memberID)", "error": "\(error)"])
            }
        }
    }

    /// Delivers every stored event after the cursor.
    private func drain() async throws {
        while true {
            let start = try await currentCursor()
            let batch = try await exchange.deliveries(after: start)
            guard let last = batch.last else { return }
            for delivery in batch { deliver(delivery) }
            cursor = last.event.id
        }
    }

    private func currentCursor() async throws -> Int64 {
        if let cursor { return cursor }
        let latest = try await exchange.latestEventID()
        cursor = latest
        return latest
    }

    private func deliver(_ delivery: Exchange.Delivery) {
        // Two renderings at most: with links to people's pages, and without (for a guest).
        var texts: [Bool: String] = [:]
        for (id, connection) in connections where receives(connection, delivery) {
            let links = Self.linksPeople(connection.actor)
            let text = texts[links] ?? frame(delivery, linksPeople: links)
            texts[links] = text
            if connection.held != nil {
                connections[id]?.held?.append((delivery.event.id, text))
            } else if delivery.event.id > connection.floor {
                connections[id]?.floor = delivery.event.id
                send(text, to: id)
            }
        }
    }

    private func receives(_ connection: Connection, _ delivery: Exchange.Delivery) -> Bool {
        delivery.seated.contains(connection.memberID)
            || connection.watching == delivery.event.channelID && delivery.channelKind == .public
                && Policy.can(connection.actor, .view, .channel(ChannelAccess(kind: .public, seated: false)))
    }

    private func send(_ frame: String, to id: UUID) {
        guard let connection = connections[id] else { return }
        if case .dropped = connection.outbox.yield(frame) {
            logger.notice("live connection too slow; closing it", metadata: ["member": "\(connection.memberID)"])
            connection.outbox.finish()
            connections[id] = nil
        }
    }

    // MARK: Connections

    /// Registers a connection and replays what it missed since `after` (nil: nothing to
    /// replay), then lets live events through.
    /// `checkedAt` is when the credential was read.
    func connect(
        _ actor: Requester, credential: LiveCredential, checkedAt: ContinuousClock.Instant, after: Int64?, watching: Int64?,
        outbox: AsyncStream<String>.Continuation
    ) async throws -> UUID {
        guard let memberID = actor.memberID else { throw MusubiError.unauthenticated }
        var watched: Int64?
        if let watching, try await exchange.mayWatch(actor, channelID: watching) { watched = watching }
        let id = UUID()
        connections[id] = Connection(actor: actor, credential: credential, memberID: memberID, watching: watched, outbox: outbox, held: [])
        // A request ended this person's sign-in since the credential was read: check it again.
        if let rechecked = recheckedAt[memberID], rechecked >= checkedAt {
            await recheck(memberID: memberID)
            guard connections[id] != nil else { throw MusubiError.unauthenticated }
        }
        do {
            return try await replay(id, actor, after: after, watching: watched)
        } catch {
            disconnect(id)
            throw error
        }
    }

    private func replay(_ id: UUID, _ actor: Requester, after: Int64?, watching watched: Int64?) async throws -> UUID {
        var floor = after ?? 0
        if after != nil {
            // Everything stored up to the replay's last event is in it: ids follow commit order.
            while true {
                let batch = try await exchange.replay(actor, after: floor, watching: watched, limit: Self.replayBatch)
                for delivery in batch.deliveries { send(frame(delivery, linksPeople: Self.linksPeople(actor)), to: id) }
                floor = max(floor, batch.readThrough ?? floor)
                if batch.isComplete { break }
            }
        }
        guard let held = connections[id]?.held else { return id }
        for (eventID, frame) in held where eventID > floor {
            send(frame, to: id)
            floor = eventID
        }
        connections[id]?.held = nil
        connections[id]?.floor = floor
        send(LiveFrame.ready(after: floor).json, to: id)
        return id
    }

    func disconnect(_ id: UUID) {
        connections[id]?.outbox.finish()
        connections[id] = nil
    }

    /// Tells the others in the channel that this person is writing; at most once in three
    /// seconds per channel, and only where they may write.
    func typing(_ id: UUID, channelID: Int64, now: Date = Date()) async throws {
        guard let connection = connections[id] else { return }
        if let last = connection.typedAt[channelID], now.timeIntervalSince(last) < 3 { return }
        connections[id]?.typedAt[channelID] = now
        guard let audience = try await exchange.typingAudience(connection.actor, channelID: channelID) else { return }
        let frame = LiveFrame.typing(channel: channelID, name: audience.name).json
        for (other, receiver) in connections where other != id && audience.seated.contains(receiver.memberID) {
            send(frame, to: other)
        }
    }

    var connectionCount: Int { connections.count }

    /// Whether a person's frames link names to people's pages: not for someone who may not
    /// open them (a guest).
    private static func linksPeople(_ actor: Requester) -> Bool {
        Policy.can(actor, .list, .members)
    }

    private func frame(_ delivery: Exchange.Delivery, linksPeople: Bool) -> String {
        LiveFrame.event(
            id: delivery.event.id, kind: delivery.event.kind, channel: delivery.event.channelID,
            message: LiveMessage(delivery, time: timeFormatter.string(from:), previews: exchange.previewKinds, linksPeople: linksPeople)
        ).json
    }
}
