import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MusubiApp
import MusubiCore
import MusubiWeb
import ServiceLifecycle
import Synchronization

/// Live delivery under load: many WebSocket clients connected to the real server (its
/// `/live` socket, authenticated by API tokens), some of them seated in one channel, and
/// messages posted there at a steady rate through the exchange (stored, indexed, read back
/// by the hub, rendered and sent). Then the same clients and rate against a bare broadcast
/// server that stores and checks nothing: the ceiling on this machine.
struct BenchFanout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fanout",
        abstract:
            "Connect WebSocket clients to Musubi and to a bare broadcast server, post into one channel at a steady rate, and time each message from posting to its arrival at every client."
    )

    @OptionGroup var options: SettingsOptions
    @Option(help: "WebSocket clients connected.") var clients = 2_000
    @Option(name: .customLong("in-channel"), help: "How many of them sit in the channel posted to.") var inChannel = 500
    @Option(help: "Messages posted per second.") var rate = 50
    @Option(help: "Seconds of posting.") var seconds = 20

    func validate() throws {
        guard clients > 0, (1...clients).contains(inChannel), rate > 0, seconds > 0 else {
            throw ValidationError("Give positive numbers, and at most as many clients in the channel as clients.")
        }
    }

    func run() async throws {
        let load = FanoutLoad(clients: clients, inChannel: inChannel, rate: rate, seconds: seconds)
        let settings = try await options.settings()
        var quiet = settings.logger
        quiet.logLevel = .warning
        let installation = try await Installation.open(try settings.location, logger: quiet)
        say("\(load.clients) clients, \(load.inChannel) in the channel, \(load.rate) messages/s for \(load.seconds) s (\(load.messages) messages)")
        let musubi = try await load.measureMusubi(installation)
        let bare = try await load.measureBare()
        say("| server | posted/s | deliveries | p50 | p99 | max | missing | doubled | to others |")
        say("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for (name, result) in [("Musubi (SQLite)", musubi), ("bare broadcast", bare)] {
            let ms = BenchSearch.milliseconds
            say(
                "| \(name) | \(String(format: "%.1f", result.postedPerSecond)) | \(result.latencies.count) of \(result.expected) | \(ms(result.percentile(0.5))) | \(ms(result.percentile(0.99))) | \(ms(result.latencies.last ?? .zero)) | \(result.missing) | \(result.duplicates) | \(result.misdelivered) |"
            )
        }
        let ratio = { (p: Double) in Self.seconds(musubi.percentile(p)) / max(Self.seconds(bare.percentile(p)), 1e-9) }
        say(String(format: "Musubi / bare: p50 %.1f×, p99 %.1f×", ratio(0.5), ratio(0.99)))
        say("peak memory \(BenchImport.peakMemoryMB()) MB")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The benchmark's people: one token each, the first `inChannel` seated in the channel
/// posted to, the rest in other channels, and everyone in a channel for the last word.
struct FanoutCommunity: Sendable {
    var actors: [Requester]
    var tokens: [String]
    var channelID: Int64
    var everyoneID: Int64
    /// The newest event before the benchmark: the clients replay nothing older.
    var cursor: Int64 = 0

    static func make(_ load: FanoutLoad, in env: CoreEnvironment) async throws -> FanoutCommunity {
        let now = env.now()
        let secrets = (0..<load.clients).map { _ in "msb_" + env.secrets.newSecret() }
        return try await env.persistence.write { repos in
            var actors: [Requester] = []
            for index in 0..<load.clients {
                let member = try await repos.members.insert(
                    NewMember(
                        email: "fanout-\(index)@example.jp", passwordHash: "!", role: .member, status: .active, organizationID: nil,
                        draft: ProfileDraft(name: "参加者 \(index)", nameKana: "", profile: Profile(), fieldIDs: [])
                    ), at: now)
                _ = try await repos.accounts.insertToken(
                    digest: env.secrets.digest(secrets[index]), memberID: member.id, name: "fanout", prefix: String(secrets[index].prefix(10)),
                    at: now
                )
                actors.append(.member(id: member.id, role: .member))
            }
            let open = { (name: String) in
                try await repos.channels.insert(
                    ChannelDraft(kind: .public, name: name), groupID: nil, directKey: nil, createdBy: actors[0].memberID, at: now)
            }
            let channel = try await open("水素サプライチェーン検討会")
            let everyone = try await open("全員")
            var others: [ExchangeChannel] = []
            for number in 1...10 { others.append(try await open("分科会 \(number)")) }
            for (index, actor) in actors.enumerated() {
                let seatedIn = index < load.inChannel ? channel.id : others[index % others.count].id
                _ = try await repos.channels.addSeat(channelID: seatedIn, memberID: actor.memberID!, at: now)
                _ = try await repos.channels.addSeat(channelID: everyone.id, memberID: actor.memberID!, at: now)
            }
            return FanoutCommunity(actors: actors, tokens: secrets, channelID: channel.id, everyoneID: everyone.id)
        }
    }
}

/// One load, run against either server.
struct FanoutLoad: Sendable {
    var clients: Int
    var inChannel: Int
    var rate: Int
    var seconds: Int

    var messages: Int { rate * seconds }
    static let sentence = "の件、来週の実証では水素の純度を 99.97% まで上げて燃料電池フォークリフトで試します。港の冷凍倉庫でも使えるか、ご意見をください。"

    /// Musubi as `musubi serve` builds it; its people and channels are made while it prepares,
    /// before the server starts.
    func measureMusubi(_ installation: Installation) async throws -> FanoutResult {
        let exchange = Exchange(installation.environment)
        let made = Mutex<FanoutCommunity?>(nil)
        let (running, started) = AsyncStream<Int>.makeStream()
        let load = self
        let options = MusubiApplication.Options(
            host: "127.0.0.1", port: 0, web: WebConfiguration(installationName: "ベンチ", installationNameEn: "Bench", digestSchedule: nil),
            prepare: { installation in
                guard try await installation.persistence.isEmpty() else {
                    throw ValidationError("The database is not empty: the benchmark makes its own people and channels (give a fresh --data-dir).")
                }
                var community = try await FanoutCommunity.make(load, in: installation.environment)
                community.cursor = try await exchange.latestEventID()
                made.withLock { $0 = community }
            },
            onServerRunning: { channel in started.yield(channel.localAddress?.port ?? 0) }
        )
        let app = try MusubiApplication.build(installation, options)
        let community: @Sendable () -> FanoutCommunity = { made.withLock { $0! } }
        return try await run(app, started: running, stopped: { started.finish() }) { index, port in
            let url = "ws://127.0.0.1:\(port)\(Paths.live.href())?after=\(community().cursor)"
            return (url, community().tokens[index])
        } post: { number in
            let community = community()
            let posters = Array(community.actors.prefix(min(load.inChannel, 10)))
            _ = try await exchange.post(
                posters[number % posters.count], channelID: community.channelID, body: FanoutFleet.marker(number) + Self.sentence)
        } end: {
            _ = try await exchange.post(community().actors[0], channelID: community().everyoneID, body: FanoutFleet.endMarker)
        }
    }

    func measureBare() async throws -> FanoutResult {
        let bare = BareBroadcast()
        var logger = Logger(label: "musubi.bench.bare")
        logger.logLevel = .warning
        let (running, started) = AsyncStream<Int>.makeStream()
        let app = await bare.application(port: 0, logger: logger) { channel in started.yield(channel.localAddress?.port ?? 0) }
        let inChannel = self.inChannel
        return try await run(app, started: running, stopped: { started.finish() }) { index, port in
            ("ws://127.0.0.1:\(port)/bare?channel=\(index < inChannel ? 1 : 2)", nil)
        } post: { number in
            await bare.broadcast(Self.bareFrame(number, text: FanoutFleet.marker(number) + Self.sentence), to: 1)
        } end: {
            await bare.broadcast(Self.bareFrame(0, text: FanoutFleet.endMarker), to: nil)
        }
    }

    /// A frame of the size and shape Musubi sends, made once per message.
    static func bareFrame(_ id: Int, text: String) -> String {
        #"{"channel":1,"id":\#(id),"kind":"posted","message":{"at":"2026-11-23 10:00","author":"参加者 1","authorIcon":"","authorID":1,"byApp":false,"deleted":false,"edited":false,"files":[],"html":"\#(text)","id":\#(id),"inTimeline":true,"reactions":[],"replyCount":0},"type":"event"}"#
    }

    /// Starts the server, connects the clients (in waves, so the listen queue keeps up),
    /// posts at the rate on schedule (each post in its own task, so a slow one does not
    /// hold back the next), waits for the deliveries, ends every client, and stops.
    private func run(
        _ app: some ApplicationProtocol, started: AsyncStream<Int>, stopped: @escaping @Sendable () -> Void,
        client: @escaping @Sendable (Int, Int) -> (url: String, token: String?),
        post: @escaping @Sendable (Int) async throws -> Void,
        end: @escaping @Sendable () async throws -> Void
    ) async throws -> FanoutResult {
        let fleet = FanoutFleet(clients: clients, messages: messages)
        var clientLogger = Logger(label: "musubi.bench.client")
        clientLogger.logLevel = .error
        let logger = clientLogger
        let clock = ContinuousClock()
        let (count, interval) = (messages, Duration.seconds(1) / rate)
        var serverLogger = logger
        serverLogger.logLevel = .critical
        let server = ServiceGroup(configuration: .init(services: [app], logger: serverLogger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { stopped() }
                try await server.run()
            }
            var ports = started.makeAsyncIterator()
            guard let port = await ports.next(), port > 0 else {
                try await group.waitForAll()
                throw ValidationError("The server did not start.")
            }
            let isReady: @Sendable (String) -> Bool = { $0.contains("\"type\":\"ready\"") }
            var clientTasks: [Task<Void, any Error>] = []
            for wave in stride(from: 0, to: clients, by: 100) {
                for index in wave..<min(clients, wave + 100) {
                    let (url, token) = client(index, port)
                    clientTasks.append(Task { try await fleet.listen(index, url: url, token: token, logger: logger, isReady: isReady) })
                }
                try await Self.wait(upTo: .seconds(30)) { fleet.ready >= min(clients, wave + 100) }
            }
            if fleet.ready < clients { say("only \(fleet.ready) of \(clients) clients connected") }
            let begin = clock.now
            try await withThrowingTaskGroup(of: Void.self) { posts in
                for number in 0..<count {
                    // Timed from when the message is due, so a late start counts too.
                    let due = begin + interval * number
                    try await clock.sleep(until: due)
                    fleet.markSent(number, at: due)
                    posts.addTask { try await post(number) }
                }
                try await posts.waitForAll()
            }
            let postedPerSecond = Double(count) / BenchFanout.seconds(clock.now - begin)
            try await Self.wait(upTo: .seconds(15)) { fleet.receivedCount >= count * inChannel }
            try await end()
            try await Self.wait(upTo: .seconds(15)) { fleet.ended >= clients }
            for task in clientTasks { task.cancel() }
            await server.triggerGracefulShutdown()
            return FanoutResult(fleet: fleet, listeners: 0..<inChannel, postedPerSecond: postedPerSecond)
        }
    }

    /// Waits until `done` holds, checking every 20 ms; past `limit` it goes on regardless
    /// (what is missing then shows in the result).
    static func wait(upTo limit: Duration, until done: () -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while !done(), clock.now < deadline { try await clock.sleep(for: .milliseconds(20)) }
    }
}
