import Foundation

/// 研究会・分科会・タスクフォース・ラウンドテーブル.
public enum GroupKind: String, CaseIterable, Codable, Sendable {
    case studyGroup, subcommittee, taskForce, roundtable
}

public enum GroupRole: String, CaseIterable, Codable, Sendable {
    case lead, member
}

/// A study group or similar circle of members, optionally under a parent group.
public struct Group: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var kind: GroupKind
    public var name: String
    public var description: String
    public var parentID: Int64?
    public var hostOrganizationID: Int64?
    public var fieldIDs: [Int64]
    public var createdAt: Date

    public init(
        id: Int64, kind: GroupKind, name: String, description: String, parentID: Int64?,
        hostOrganizationID: Int64?, fieldIDs: [Int64], createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.description = description
        self.parentID = parentID
        self.hostOrganizationID = hostOrganizationID
        self.fieldIDs = fieldIDs
        self.createdAt = createdAt
    }
}

public struct GroupDraft: Codable, Sendable, Equatable {
    public var kind: GroupKind
    public var name: String
    public var description: String
    public var parentID: Int64?
    public var hostOrganizationID: Int64?
    public var fieldIDs: [Int64]

    public init(
        kind: GroupKind, name: String, description: String = "", parentID: Int64? = nil, hostOrganizationID: Int64? = nil, fieldIDs: [Int64] = []
    ) {
        self.kind = kind
        self.name = name
        self.description = description
        self.parentID = parentID
        self.hostOrganizationID = hostOrganizationID
        self.fieldIDs = fieldIDs
    }
}

public struct GroupMembership: Codable, Sendable, Equatable {
    public var groupID: Int64
    public var memberID: Int64
    public var role: GroupRole

    public init(groupID: Int64, memberID: Int64, role: GroupRole) {
        self.groupID = groupID
        self.memberID = memberID
        self.role = role
    }
}
