import Foundation
import MusubiCore

/// What the API returns. Field names are camelCase; times are ISO 8601 in UTC.
struct PageDTO<Item: Encodable>: Encodable {
    var items: [Item]
    var total: Int
    var page: Int
    var pageSize: Int

    init<T>(_ page: Page<T>, _ transform: (T) -> Item) {
        self.items = page.items.map(transform)
        self.total = page.total
        self.page = page.request.number
        self.pageSize = page.request.size
    }
}

struct MemberDTO: Encodable {
    var id: Int64
    var name: String
    var nameKana: String
    var title: String
    var role: Role
    var organizationId: Int64?
    var organizationName: String?
    var sector: Sector?
    var keywords: [String]
    var fieldIds: [Int64]
    var offer: String?
    var seeking: String?
    var languages: [String]?
    var email: String?
    var status: AccountStatus?

    init(_ member: MemberSummary) {
        self.id = member.id
        self.name = member.name
        self.nameKana = member.nameKana
        self.title = member.title
        self.role = member.role
        self.organizationId = member.organizationID
        self.organizationName = member.organizationName.isEmpty ? nil : member.organizationName
        self.sector = member.sector
        self.keywords = member.keywords
        self.fieldIds = member.fieldIDs
    }

    init(_ detail: Directory.MemberDetail) {
        let member = detail.member
        self.id = member.id
        self.name = member.name
        self.nameKana = member.nameKana
        self.title = member.profile.title
        self.role = member.role
        self.organizationId = member.organizationID
        self.organizationName = detail.organization?.name
        self.sector = detail.organization?.sector
        self.keywords = member.profile.keywords
        self.fieldIds = member.fieldIDs
        self.offer = member.profile.offer
        self.seeking = member.profile.seeking
        self.languages = member.profile.languages
        self.email = detail.email
        self.status = member.status
    }
}

struct OrganizationDTO: Encodable {
    var id: Int64
    var name: String
    var nameKana: String
    var sector: Sector
    var prefectureCode: String
    var municipality: String
    var website: String
    var summary: String
    var fieldIds: [Int64]
    var createdAt: Date

    init(_ organization: Organization) {
        self.id = organization.id
        self.name = organization.name
        self.nameKana = organization.nameKana
        self.sector = organization.sector
        self.prefectureCode = organization.prefectureCode
        self.municipality = organization.municipality
        self.website = organization.website
        self.summary = organization.summary
        self.fieldIds = organization.fieldIDs
        self.createdAt = organization.createdAt
    }
}

struct GroupDTO: Encodable {
    struct Membership: Encodable {
        var memberId: Int64
        var name: String
        var role: GroupRole
    }

    var id: Int64
    var kind: GroupKind
    var name: String
    var description: String
    var parentId: Int64?
    var hostOrganizationId: Int64?
    var fieldIds: [Int64]
    var memberCount: Int?
    var members: [Membership]?

    init(_ group: Group, memberCount: Int? = nil, members: [Membership]? = nil) {
        self.id = group.id
        self.kind = group.kind
        self.name = group.name
        self.description = group.description
        self.parentId = group.parentID
        self.hostOrganizationId = group.hostOrganizationID
        self.fieldIds = group.fieldIDs
        self.memberCount = memberCount
        self.members = members
    }
}

struct TokenDTO: Encodable {
    var id: Int64
    var name: String
    var prefix: String
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?
    /// Only in the answer to creating it.
    var secret: String?

    init(_ token: APIToken, secret: String? = nil) {
        self.id = token.id
        self.name = token.name
        self.prefix = token.prefix
        self.createdAt = token.createdAt
        self.lastUsedAt = token.lastUsedAt
        self.revokedAt = token.revokedAt
        self.secret = secret
    }
}

/// What callers send. Missing optional fields keep their defaults.
struct OrganizationInput: Decodable {
    var name: String
    var nameKana: String?
    var sector: Sector
    var prefectureCode: String
    var municipality: String?
    var website: String?
    var summary: String?
    var fieldIds: [Int64]?

    var draft: OrganizationDraft {
        OrganizationDraft(
            name: name, nameKana: nameKana ?? "", sector: sector, prefectureCode: prefectureCode,
            municipality: municipality ?? "", website: website ?? "", summary: summary ?? "", fieldIDs: fieldIds ?? [])
    }
}

struct GroupInput: Decodable {
    var kind: GroupKind
    var name: String
    var description: String?
    var parentId: Int64?
    var hostOrganizationId: Int64?
    var fieldIds: [Int64]?

    var draft: GroupDraft {
        GroupDraft(
            kind: kind, name: name, description: description ?? "", parentID: parentId, hostOrganizationID: hostOrganizationId,
            fieldIDs: fieldIds ?? [])
    }
}

struct ProfileInput: Decodable {
    var name: String
    var nameKana: String?
    var title: String?
    var keywords: [String]?
    var offer: String?
    var seeking: String?
    var languages: [String]?
    var fieldIds: [Int64]?
}

struct InvitationInput: Decodable {
    var email: String
    var role: Role
    var organizationId: Int64?
}

struct MembershipInput: Decodable {
    var memberId: Int64
    var role: GroupRole?
}

struct RoleInput: Decodable { var role: Role }
struct TokenInput: Decodable { var name: String }
