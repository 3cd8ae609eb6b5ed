import Foundation

/// What the engine matches: a seed (シーズ, something on offer), a need (ニーズ, something
/// sought) or a person. The server builds these from listings and profiles, only from what
/// the viewer may read; `musubi match` builds them from files.
public struct MatchDocument: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case seed, need, person
    }

    public enum Status: String, Codable, Sendable {
        case open, inDiscussion, matched, closed
    }

    public var id: String
    public var kind: Kind
    public var title: String
    public var body: String
    public var keywords: [String]
    /// Field keys (脱炭素 > 水素技術 is "hydrogen" under "decarbon"; see `FieldHierarchy`).
    public var fields: [String]
    public var sector: Sector?
    public var organization: String?
    public var status: Status
    public var updatedAt: Date?
    /// After this a listing is no longer offered or sought, and never a candidate.
    public var expiresAt: Date?

    public init(
        id: String, kind: Kind, title: String, body: String = "", keywords: [String] = [], fields: [String] = [],
        sector: Sector? = nil, organization: String? = nil, status: Status = .open, updatedAt: Date? = nil,
        expiresAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.keywords = keywords
        self.fields = fields
        self.sector = sector
        self.organization = organization
        self.status = status
        self.updatedAt = updatedAt
        self.expiresAt = expiresAt
    }
}

/// Field keys and their parents, for telling a shared field from a bridge between fields.
public struct FieldHierarchy: Sendable {
    private let parents: [String: String]

    public init(parents: [String: String] = [:]) {
        self.parents = parents
    }

    public init(_ tree: FieldTree) {
        let keys = Dictionary(uniqueKeysWithValues: tree.fields.map { ($0.id, $0.key) })
        self.parents = Dictionary(
            uniqueKeysWithValues: tree.fields.compactMap { field in
                field.parentID.flatMap { keys[$0] }.map { (field.key, $0) }
            })
    }

    /// The top of the tree a field belongs to: 水素技術 belongs to 脱炭素.
    public func root(of key: String) -> String {
        var current = key
        var seen: Set<String> = [key]
        while let parent = parents[current], seen.insert(parent).inserted { current = parent }
        return current
    }
}
