/// Someone reading bulletins, with what decides which are for them.
public struct BulletinReader: Sendable, Equatable {
    public var memberID: Int64?
    public var role: Role?
    public var sector: Sector?
    public var fieldIDs: [Int64]
    public var groupIDs: [Int64]

    public init(memberID: Int64?, role: Role?, sector: Sector? = nil, fieldIDs: [Int64] = [], groupIDs: [Int64] = []) {
        self.memberID = memberID
        self.role = role
        self.sector = sector
        self.fieldIDs = fieldIDs
        self.groupIDs = groupIDs
    }

    public static let visitor = BulletinReader(memberID: nil, role: nil)

    /// Writes and sees every bulletin, whatever its audience.
    public var isCoordinator: Bool { role.map { $0 >= .coordinator } ?? false }

    /// Whether the bulletin is for this reader (appeared or not: `Bulletin.isCurrent` says
    /// that). Guests read only public bulletins; a targeted bulletin reaches the members of
    /// one of its sectors, fields (or a field below or above one) or groups.
    public func mayRead(_ bulletin: Bulletin, in tree: FieldTree) -> Bool {
        if isCoordinator || bulletin.visibility == .public { return true }
        guard let role, role >= .member else { return false }
        let targets = bulletin.targets
        if targets.isEmpty { return true }
        if let sector, targets.sectors.contains(sector) { return true }
        if !Set(targets.groupIDs).isDisjoint(with: groupIDs) { return true }
        return shareAField(targets.fieldIDs, in: tree)
    }

    /// Whether the bulletin is about one of the reader's fields: the same field, or one
    /// above or below it (a bulletin on 脱炭素 is for people in 水素技術, and the other way).
    public func shareAField(_ fields: [Int64], in tree: FieldTree) -> Bool {
        guard !fields.isEmpty, !fieldIDs.isEmpty else { return false }
        let mine = Set(fieldIDs.flatMap { tree.subtree(of: $0) })
        return fields.contains { field in mine.contains(field) || !Set(tree.subtree(of: field)).isDisjoint(with: fieldIDs) }
    }

    /// Whether a funding call fits the reader: one they saved, or one they may read that is
    /// about their fields (or names none) and open to their sector (or to every sector).
    public func fits(_ call: Bulletin, saved: Bool, in tree: FieldTree) -> Bool {
        guard let funding = call.funding, mayRead(call, in: tree) else { return false }
        if saved { return true }
        let sectorFits = funding.eligibleSectors.isEmpty || sector.map(funding.eligibleSectors.contains) == true
        return sectorFits && (call.fieldIDs.isEmpty || shareAField(call.fieldIDs, in: tree))
    }
}
