import Synchronization

/// Rendered pieces of pages that are the same for every reader of one language: the
/// directory filter's option lists, and the card of a member or an organisation. Rendering
/// them through Mustache on every request was most of a directory page's time
/// (docs/benchmarks.md). A key holds everything the piece is rendered from, so a changed
/// member has a new key; the cache forgets everything when it reaches `limit`.
final class FragmentCache<Key: Hashable & Sendable>: Sendable {
    private let fragments = Mutex<[Key: String]>([:])
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func fragment(_ key: Key, render: () -> String) -> String {
        if let cached = fragments.withLock({ $0[key] }) { return cached }
        let rendered = render()
        fragments.withLock { fragments in
            if fragments.count >= limit { fragments.removeAll(keepingCapacity: true) }
            fragments[key] = rendered
        }
        return rendered
    }
}

/// What a cached card is rendered from: its template, the language and the row.
struct CardKey<Row: Hashable & Sendable>: Hashable, Sendable {
    var template: String
    var language: UILanguage
    var row: Row
}
