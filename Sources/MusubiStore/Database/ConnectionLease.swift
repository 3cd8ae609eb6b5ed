import MusubiCore

/// A fixed set of connections handed out one task at a time; a task that finds none free
/// waits its turn in order, for at most `patience` when one is given: then it gives up with
/// `MusubiError.busy` and never gets the connection.
actor ConnectionLease<Connection: Sendable> {
    private var free: [Connection]
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Connection, any Error>)] = []
    private var nextID: UInt64 = 0

    init(_ connections: [Connection]) {
        self.free = connections
    }

    func acquire(patience: Duration?) async throws -> Connection {
        if let connection = free.popLast() { return connection }
        nextID += 1
        let id = nextID
        if let patience {
            Task { [weak self] in
                try? await Task.sleep(for: patience)
                await self?.giveUp(id, after: patience)
            }
        }
        return try await withCheckedThrowingContinuation { waiting.append((id, $0)) }
    }

    private func giveUp(_ id: UInt64, after patience: Duration) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        let seconds = Int(patience.components.seconds)
        waiting.remove(at: index).continuation.resume(throwing: MusubiError.busy(retryAfter: max(1, seconds)))
    }

    func release(_ connection: Connection) {
        if waiting.isEmpty {
            free.append(connection)
        } else {
            waiting.removeFirst().continuation.resume(returning: connection)
        }
    }

    nonisolated func with<T: Sendable>(patience: Duration? = nil, _ work: @Sendable (Connection) async throws -> T) async throws -> T {
        let leased = try await acquire(patience: patience)
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
