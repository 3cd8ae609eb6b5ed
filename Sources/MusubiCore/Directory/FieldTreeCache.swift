import Foundation
import Synchronization

/// The field tree, kept in memory. Every directory page needs it and it changes only when
/// fields are loaded or edited, so it is read from the database once, again after a write
/// through the core (`invalidate()`), and again after `maxAge` so that a change made by
/// another process (the `musubi` command line on the same database) shows up too.
public final class FieldTreeCache: Sendable {
    private let state = Mutex<(tree: FieldTree, loadedAt: Date)?>(nil)
    private let maxAge: TimeInterval

    public init(maxAge: TimeInterval = 60) {
        self.maxAge = maxAge
    }

    func tree(now: Date, load: () async throws -> FieldTree) async throws -> FieldTree {
        if let cached = state.withLock({ $0 }), now.timeIntervalSince(cached.loadedAt) < maxAge, cached.loadedAt <= now {
            return cached.tree
        }
        let tree = try await load()
        state.withLock { $0 = (tree, now) }
        return tree
    }

    public func invalidate() {
        state.withLock { $0 = nil }
    }
}
