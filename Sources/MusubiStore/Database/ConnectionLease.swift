/// A fixed set of connections handed out one task at a time; a task that finds none free
/// waits its turn in order.
actor ConnectionLease<Connection: Sendable> {
    private var free: [Connection]
    private var waiting: [CheckedContinuation<Connection, Never>] = []

    init(_ connections: [Connection]) {
        self.free = connections
    }

    func acquire() async -> Connection {
        if let connection = free.popLast() { return connection }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func release(_ connection: Connection) {
        if waiting.isEmpty {
            free.append(connection)
        } else {
            waiting.removeFirst().resume(returning: connection)
        }
    }

    nonisolated func with<T: Sendable>(_ work: @Sendable (Connection) async throws -> T) async throws -> T {
        let leased = await acquire()
        do {
            let result = try await work(leased)
            await release(leased)
            return result
        } catch {
            await release(leased)
            throw error
        }
    }
}
