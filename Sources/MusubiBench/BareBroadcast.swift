import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import MusubiApp
import NIOCore

/// The ceiling for the fan-out benchmark: a WebSocket server that keeps nothing and checks
/// nothing, and hands a ready-made frame to every connection of a channel, through the same
/// kind of per-connection outbox as Musubi's hub.
actor BareBroadcast {
    private var connections: [UUID: (channel: Int, outbox: AsyncStream<String>.Continuation)] = [:]

    func add(_ id: UUID, channel: Int, outbox: AsyncStream<String>.Continuation) {
        connections[id] = (channel, outbox)
        outbox.yield("{\"type\":\"ready\"}")
    }

    func remove(_ id: UUID) {
        connections[id]?.outbox.finish()
        connections[id] = nil
    }

    /// Sends to the connections of `channel`, or to all of them when it is nil.
    func broadcast(_ frame: String, to channel: Int?) {
        for connection in connections.values where channel == nil || connection.channel == channel {
            connection.outbox.yield(frame)
        }
    }

    /// `GET /bare?channel=<n>` upgrades to a WebSocket that receives that channel's frames.
    func application(port: Int, logger: Logger, onServerRunning: @escaping @Sendable (any NIOCore.Channel) async -> Void) -> some ApplicationProtocol
    {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/bare") { _, _ in
            .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let channel = context.request.uri.queryParameters["channel"].flatMap { Int(String($0)) } ?? 0
            let (frames, outbox) = AsyncStream<String>.makeStream()
            let id = UUID()
            await self.add(id, channel: channel, outbox: outbox)
            defer { Task { await self.remove(id) } }
            // Until the client goes or the outbox ends, whichever is first.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for await frame in frames { try await outbound.write(.text(frame)) } }
                group.addTask { for try await _ in inbound.messages(maxSize: 4_096) {} }
                defer { group.cancelAll() }
                _ = try await group.next()
            }
        }
        return Application(
            router: Router(), server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bare"), onServerRunning: onServerRunning, logger: logger
        )
    }
}
