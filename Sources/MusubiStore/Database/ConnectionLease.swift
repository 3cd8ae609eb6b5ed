import MusubiCore

/// A fixed set of connections handed out one task at a time; a task that finds none free
/// waits its turn in order, for at most `patience` when one is given: then it gives up with
/// `MusubiError.busy` and never gets the connection.
actor ConnectionLease<Connection: Sendable> {
    private var free: [Connection]
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Connection, any Error>)] = []
    private var nextID: UInt64 = 0
    private let patience: Duration?

    init(_ connections: [Connection], patience: Duration? = nil) {
        self.free = connections
        self.patience = patience
    }

    func acquire() async throws -> Connection {
        if let connection = free.popLast() { return connection }
        nextID += 1
        let id = nextID
        if let patience {
            Task { [weak self] in
                try? await Task.sleep(for: patience)
                await self?.giveUp(id)
            }
        }
        return try await withCheckedThrowingContinuation { waiting.append((id, $0)) }
    }

    private func giveUp(_ id: UInt64) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        let seconds = Int((patience ?? .zero).components.seconds)
        waiting.remove(at: index).continuation.resume(throwing: MusubiError.busy(retryAfter: max(1, seconds)))
    }

    func release(_ connection: Connection) {
        if waiting.isEmpty {
            free.append(connection)
        } else {
            waiting.removeFirst().continuation.resume(returning: connection)
        }
    }

    nonisolated func with<T: Sendable>(_ work: @Sendable (Connection) async throws -> T) async throws -> T {
        let leased = try await acquire()
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
