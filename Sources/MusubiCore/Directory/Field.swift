/// A node of the field tree (分野): 脱炭素 > 水素技術.
public struct Field: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var parentID: Int64?
    public var key: String
    public var name: String
    public var nameEn: String

    public init(id: Int64, parentID: Int64?, key: String, name: String, nameEn: String) {
        self.id = id
        self.parentID = parentID
        self.key = key
        self.name = name
        self.nameEn = nameEn
    }
}

/// The whole field tree, for filters and for widening a filter to a field's descendants.
public struct FieldTree: Sendable {
    public let fields: [Field]
    private let childrenByParent: [Int64?: [Field]]
    private let byID: [Int64: Field]
    private let byKey: [String: Field]
    /// Differs between two trees whose fields differ, within one process: a key for what is
    /// rendered from the tree.
    public let fingerprint: Int

    public init(_ fields: [Field]) {
        self.fields = fields
        self.childrenByParent = Dictionary(grouping: fields, by: \.parentID).mapValues { $0.sorted { $0.id < $1.id } }
        self.byID = Dictionary(uniqueKeysWithValues: fields.map { ($0.id, $0) })
        self.byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var hasher = Hasher()
        for field in fields {
            hasher.combine(field.id)
            hasher.combine(field.parentID)
            hasher.combine(field.name)
            hasher.combine(field.nameEn)
        }
        self.fingerprint = hasher.finalize()
    }

    public var roots: [Field] { children(of: nil) }

    public func children(of id: Int64?) -> [Field] { childrenByParent[id] ?? [] }

    public func field(_ id: Int64) -> Field? { byID[id] }

    /// The field the matching engine names by its key.
    public func field(key: String) -> Field? { byKey[key] }

    /// The field and everything below it: filtering by 脱炭素 also finds 水素技術.
    public func subtree(of id: Int64) -> [Int64] {
        guard byID[id] != nil else { return [] }
        var result: [Int64] = []
        var stack = [id]
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: children(of: next).map(\.id))
        }
        return result
    }

    /// The fields a filter by `id` finds: the subtree, or the unknown id alone, so that an
    /// unknown field finds nothing rather than everything.
    public func filter(_ id: Int64) -> [Int64] {
        let ids = subtree(of: id)
        return ids.isEmpty ? [id] : ids
    }

    /// Depth-first order with each field's depth, for indented lists.
    public func flattened() -> [(field: Field, depth: Int)] {
        var result: [(Field, Int)] = []
        func visit(_ parent: Int64?, _ depth: Int) {
            for child in children(of: parent) {
                result.append((child, depth))
                visit(child.id, depth + 1)
            }
        }
        visit(nil, 0)
        return result
    }
}
