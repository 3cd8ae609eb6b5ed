/// Which slice of a long list to show. Page numbers start at 1.
public struct PageRequest: Sendable, Equatable {
    public static let maximumSize = 100
    /// Far beyond any real list; keeps `offset` from overflowing.
    public static let maximumNumber = 1_000_000
    public var number: Int
    public var size: Int

    public init(number: Int = 1, size: Int = 30) {
        self.number = min(max(1, number), Self.maximumNumber)
        self.size = min(max(1, size), Self.maximumSize)
    }

    public var offset: Int { (number - 1) * size }
}

/// One page of a list and how many items there are in all.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var request: PageRequest

    public init(items: [Item], total: Int, request: PageRequest) {
        self.items = items
        self.total = total
        self.request = request
    }

    public var pageCount: Int { max(1, (total + request.size - 1) / request.size) }
    public var hasNext: Bool { request.number < pageCount }
    public var hasPrevious: Bool { request.number > 1 }
}

extension Page: Equatable where Item: Equatable {}

extension Page {
    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), total: total, request: request)
    }
}
