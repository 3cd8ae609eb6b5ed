import Foundation

/// A person in the network (会員) with their public profile. Sign-in data lives in `Account`.
public struct Member: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var nameKana: String
    public var organizationID: Int64?
    public var role: Role
    public var status: AccountStatus
    public var profile: Profile
    public var fieldIDs: [Int64]
    public var createdAt: Date

    public init(
        id: Int64, name: String, nameKana: String, organizationID: Int64?, role: Role,
        status: AccountStatus, profile: Profile, fieldIDs: [Int64], createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.nameKana = nameKana
        self.organizationID = organizationID
        self.role = role
        self.status = status
        self.profile = profile
        self.fieldIDs = fieldIDs
        self.createdAt = createdAt
    }
}

/// What a member says about themselves: what they offer, what they look for.
public struct Profile: Codable, Sendable, Equatable {
    public var title: String
    public var keywords: [String]
    public var offer: String
    public var seeking: String
    public var languages: [String]

    public init(title: String = "", keywords: [String] = [], offer: String = "", seeking: String = "", languages: [String] = ["ja"]) {
        self.title = title
        self.keywords = keywords
        self.offer = offer
        self.seeking = seeking
        self.languages = languages
    }
}

/// The editable part of a member's own profile.
public struct ProfileDraft: Codable, Sendable, Equatable {
    public var name: String
    public var nameKana: String
    public var profile: Profile
    public var fieldIDs: [Int64]

    public init(name: String, nameKana: String, profile: Profile, fieldIDs: [Int64]) {
        self.name = name
        self.nameKana = nameKana
        self.profile = profile
        self.fieldIDs = fieldIDs
    }
}

/// A member as the directory lists them: enough for one row.
public struct MemberSummary: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var nameKana: String
    public var title: String
    public var role: Role
    public var organizationID: Int64?
    public var organizationName: String
    public var sector: Sector?
    public var keywords: [String]
    public var fieldIDs: [Int64]

    public init(
        id: Int64, name: String, nameKana: String, title: String, role: Role, organizationID: Int64?,
        organizationName: String, sector: Sector?, keywords: [String], fieldIDs: [Int64]
    ) {
        self.id = id
        self.name = name
        self.nameKana = nameKana
        self.title = title
        self.role = role
        self.organizationID = organizationID
        self.organizationName = organizationName
        self.sector = sector
        self.keywords = keywords
        self.fieldIDs = fieldIDs
    }
}

/// What a coordinator needs to decide on an application, beside the applicant's card.
public struct ApplicationDetails: Sendable, Equatable {
    public var email: String
    /// What they wrote when applying.
    public var message: String
    /// The organisation they typed, not being able to choose it from the directory.
    public var organizationName: String
    public var appliedAt: Date

    public init(email: String, message: String, organizationName: String = "", appliedAt: Date) {
        self.organizationName = organizationName
        self.email = email
        self.message = message
        self.appliedAt = appliedAt
    }
}
