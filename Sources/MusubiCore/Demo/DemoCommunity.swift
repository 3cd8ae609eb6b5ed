import Foundation

/// The demo community: a lived-in region with fictional people, loaded into an empty
/// installation so that a first visit has something to explore.
public struct DemoCommunity: Decodable, Sendable {
    public struct Installation: Decodable, Sendable {
        public var name: String
        public var nameEn: String
        public var prefectureCode: String
    }
    struct FieldNode: Decodable, Sendable {
        var key: String
        var name: String
        var nameEn: String
        var children: [FieldNode]?
    }
    struct OrganizationEntry: Decodable, Sendable {
        var key: String, name: String, nameKana: String, sector: Sector, prefectureCode: String, municipality: String
        var website: String?, summary: String, fields: [String]
    }
    struct MemberEntry: Decodable, Sendable {
        var key: String, name: String, nameKana: String, email: String, role: Role, organization: String, title: String
        var fields: [String], keywords: [String], offer: String, seeking: String, languages: [String], joinedDaysAgo: Int
    }
    struct GroupEntry: Decodable, Sendable {
        struct Seat: Decodable, Sendable {
            var member: String
            var role: GroupRole
        }
        var key: String, kind: GroupKind, name: String, description: String, parent: String?, host: String?
        var fields: [String], members: [Seat]
    }

    struct ListingEntry: Decodable, Sendable {
        var key: String, owner: String, kind: ListingKind, title: String, summary: String, details: String
        var fields: [String], keywords: [String], partnerSectors: [Sector], stage: ListingStage, prefectureCode: String?
        var disclosure: Disclosure, disclosedTo: [String], status: ListingStatus, daysAgo: Int
    }

    /// A channel with its conversation: a public one of its own, or a group's (`group`).
    struct ChannelEntry: Decodable, Sendable {
        struct Post: Decodable, Sendable {
            struct Reply: Decodable, Sendable {
                var author: String
                var minutesLater: Double
                var text: String
            }
            var author: String, daysAgo: Double, text: String
            var replies: [Reply]?
            /// Emoji to the people who reacted with it.
            var reactions: [String: [String]]?
        }
        var key: String, group: String?
        var kind: ChannelKind?, purpose: ChannelPurpose?, name: String?, topic: String?, description: String?, field: String?
        var creator: String?, members: [String]?
        var messages: [Post]
    }

    public var installation: Installation
    var fields: [FieldNode]
    var organizations: [OrganizationEntry]
    var members: [MemberEntry]
    var groups: [GroupEntry]
    var listings: [ListingEntry]
    var channels: [ChannelEntry]
    var bulletins: [BulletinEntry]?
    var events: [EventEntry]?

    /// The password every demo account shares; printed when the demo is loaded.
    public static let password = "musubi-demo"

    public static func bundled() throws -> DemoCommunity {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("demo/community.json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(DemoCommunity.self, from: Data(contentsOf: url))
    }

    public var memberCount: Int { members.count }
    public var organizationCount: Int { organizations.count }
    public var listingCount: Int { listings.count }
    public var adminEmail: String? { members.first { $0.role == .admin }?.email }

    /// The demo's field tree as the matching engine sees it.
    public var fieldHierarchy: FieldHierarchy {
        var parents: [String: String] = [:]
        func visit(_ nodes: [FieldNode], parent: String?) {
            for node in nodes {
                parents[node.key] = parent
                visit(node.children ?? [], parent: node.key)
            }
        }
        visit(fields, parent: nil)
        return FieldHierarchy(parents: parents)
    }

    /// Loads everything in one transaction. All accounts share one bcrypt hash of the demo
    /// password, so loading takes one hash, not sixty.
    public func load(into env: CoreEnvironment) async throws {
        let hash = try await env.passwords.hash(Self.password)
        let now = env.now()
        try await env.persistence.write { repos in
            var fieldIDs: [String: Int64] = [:]
            func insert(_ nodes: [FieldNode], parent: Int64?) async throws {
                for node in nodes {
                    let field = try await repos.fields.insert(parentID: parent, key: node.key, name: node.name, nameEn: node.nameEn)
                    fieldIDs[node.key] = field.id
                    try await insert(node.children ?? [], parent: field.id)
                }
            }
            try await insert(fields, parent: nil)
            var organizationIDs: [String: Int64] = [:]
            for (index, entry) in organizations.enumerated() {
                let draft = OrganizationDraft(
                    name: entry.name, nameKana: entry.nameKana, sector: entry.sector, prefectureCode: entry.prefectureCode,
                    municipality: entry.municipality, website: entry.website ?? "", summary: entry.summary,
                    fieldIDs: entry.fields.compactMap { fieldIDs[$0] }
                )
                organizationIDs[entry.key] = try await repos.organizations.insert(
                    draft, at: now.addingTimeInterval(Double(index - organizations.count) * 86_400 * 9)
                ).id
            }
            var memberIDs: [String: Int64] = [:]
            for entry in members {
                let draft = ProfileDraft(
                    name: entry.name, nameKana: entry.nameKana,
                    profile: Profile(
                        title: entry.title, keywords: entry.keywords, offer: entry.offer, seeking: entry.seeking, languages: entry.languages),
                    fieldIDs: entry.fields.compactMap { fieldIDs[$0] }
                )
                let member = try await repos.members.insert(
                    NewMember(
                        email: entry.email, passwordHash: hash, role: entry.role, status: .active,
                        organizationID: organizationIDs[entry.organization], draft: draft),
                    at: now.addingTimeInterval(-Double(entry.joinedDaysAgo) * 86_400)
                )
                memberIDs[entry.key] = member.id
            }
            var groupIDs: [String: Int64] = [:]
            for entry in groups {
                let draft = GroupDraft(
                    kind: entry.kind, name: entry.name, description: entry.description, parentID: entry.parent.flatMap { groupIDs[$0] },
                    hostOrganizationID: entry.host.flatMap { organizationIDs[$0] }, fieldIDs: entry.fields.compactMap { fieldIDs[$0] }
                )
                let group = try await repos.groups.insert(draft, at: now)
                try await GroupChannels.open(for: group, repos, at: now)
                groupIDs[entry.key] = group.id
                for seat in entry.members {
                    guard let memberID = memberIDs[seat.member] else { continue }
                    try await repos.groups.setMembership(GroupMembership(groupID: group.id, memberID: memberID, role: seat.role))
                    try await GroupChannels.seat(memberID, inGroup: group.id, repos, at: now)
                }
            }
            let memberOrganizations = Dictionary(members.map { ($0.key, $0.organization) }, uniquingKeysWith: { first, _ in first })
            let sectors = Dictionary(organizations.map { ($0.key, $0.sector) }, uniquingKeysWith: { first, _ in first })
            for entry in listings {
                guard let ownerID = memberIDs[entry.owner] else { continue }
                let organization = memberOrganizations[entry.owner]
                let draft = ListingDraft(
                    kind: entry.kind, title: entry.title, summary: entry.summary, details: entry.details,
                    fieldIDs: entry.fields.compactMap { fieldIDs[$0] }, keywords: entry.keywords, partnerSectors: entry.partnerSectors,
                    stage: entry.stage, prefectureCode: entry.prefectureCode, disclosure: entry.disclosure,
                    disclosedTo: entry.disclosedTo.compactMap { organizationIDs[$0] }
                )
                let posted = now.addingTimeInterval(-Double(entry.daysAgo) * 86_400)
                let listing = try await repos.listings.insert(
                    ownerID: ownerID, organizationID: organization.flatMap { organizationIDs[$0] }, sector: organization.flatMap { sectors[$0] },
                    draft: draft, at: posted
                )
                if entry.status != .open { try await repos.listings.setStatus(id: listing.id, to: entry.status, at: posted) }
            }
            try await loadChannels(repos, memberIDs: memberIDs, groupIDs: groupIDs, fieldIDs: fieldIDs, now: now)
            try await loadBulletins(repos, memberIDs: memberIDs, organizationIDs: organizationIDs, fieldIDs: fieldIDs, now: now)
            try await loadEvents(repos, memberIDs: memberIDs, organizationIDs: organizationIDs, fieldIDs: fieldIDs, now: now)
        }
        env.fieldTreeCache.invalidate()
    }

    /// The channels and what was said in them, days ago: people's `@name`s become mentions as
    /// when they type them; everyone seated starts with it all unread.
    private func loadChannels(_ repos: any Repositories, memberIDs: [String: Int64], groupIDs: [String: Int64], fieldIDs: [String: Int64], now: Date)
        async throws
    {
        for entry in channels {
            let channel: ExchangeChannel
            if let group = entry.group {
                guard let groupID = groupIDs[group], let found = try await repos.channels.channel(ofGroup: groupID) else { continue }
                channel = found
            } else {
                let draft = ChannelDraft(
                    kind: entry.kind ?? .public, purpose: entry.purpose ?? .general, name: entry.name ?? entry.key,
                    topic: entry.topic ?? "", description: entry.description ?? "", fieldID: entry.field.flatMap { fieldIDs[$0] })
                let opened = now.addingTimeInterval(-Double(entry.messages.map(\.daysAgo).max() ?? 0) * 86_400 - 3_600)
                channel = try await repos.channels.insert(
                    draft, groupID: nil, directKey: nil, createdBy: entry.creator.flatMap { memberIDs[$0] }, at: opened)
                for member in entry.members ?? [] {
                    if let id = memberIDs[member] { try await repos.channels.addSeat(channelID: channel.id, memberID: id, at: opened) }
                }
            }
            func post(_ author: String, _ text: String, root: Int64?, at: Date) async throws -> Message? {
                guard let authorID = memberIDs[author] else { return nil }
                return try await Exchange.insert(
                    typed: NewMessage(channelID: channel.id, authorID: authorID, body: text, threadRootID: root, at: at), repos)
            }
            for entry in entry.messages {
                let at = now.addingTimeInterval(-entry.daysAgo * 86_400)
                guard let root = try await post(entry.author, entry.text, root: nil, at: at) else { continue }
                for reply in entry.replies ?? [] {
                    _ = try await post(reply.author, reply.text, root: root.id, at: at.addingTimeInterval(reply.minutesLater * 60))
                }
                for (emoji, people) in (entry.reactions ?? [:]).sorted(by: { $0.key < $1.key }) {
                    for person in people {
                        if let id = memberIDs[person] {
                            _ = try await repos.messages.setReaction(messageID: root.id, memberID: id, emoji: emoji, present: true, at: at)
                        }
                    }
                }
            }
        }
    }
}
