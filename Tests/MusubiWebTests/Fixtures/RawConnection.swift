import NIOCore
import NIOPosix
import Synchronization

/// A TCP connection that sends the bytes a test gives, as a broken or hostile client would,
/// and reports what came back and whether the server closed the connection.
enum RawConnection {
    struct Outcome {
        var answer: String
        /// Whether the server closed the connection before the test stopped waiting.
        var closed: Bool
        /// The status of the last response in the answer ("408"), if any.
        var lastStatus: String? {
            answer.ranges(of: "HTTP/1.1 ").last.map { String(answer[$0.upperBound...].prefix(3)) }
        }
    }

    static func exchange(port: Int, send bytes: [UInt8], waiting limit: Duration) async throws -> Outcome {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        let gaveUp = Atomic(false)
        let raw = channel.channel
        let timer = Task {
            try await Task.sleep(for: limit)
            gaveUp.store(true, ordering: .sequentiallyConsistent)
            try? await raw.close()
        }
        defer { timer.cancel() }
        var received = ByteBuffer()
        try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            do {
                for try await var part in inbound { received.writeBuffer(&part) }
            } catch {
                // A connection reset is the server closing too.
            }
        }
        return Outcome(answer: String(buffer: received), closed: !gaveUp.load(ordering: .sequentiallyConsistent))
    }
}
