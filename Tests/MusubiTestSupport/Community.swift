import Foundation
import MusubiCore

/// A small community for tests: a field tree, an organisation per sector, and one active
/// person per role, plus an applicant waiting for approval.
public struct Community: Sendable {
    public static let password = "correct horse battery"

    public var env: CoreEnvironment
    public var decarbonisation: Field
    public var hydrogen: Field
    public var aquaculture: Field
    public var organizations: [Sector: Organization]
    public var admin: Member
    public var coordinator: Member
    public var member: Member
    public var guest: Member
    public var applicant: Member
    public var group: Group
    /// A public channel with the coordinator and the member seated.
    public var lobby: ExchangeChannel
    /// A private channel with only the member seated, holding one message to @channel that
    /// carries a file, `roomFile`.
    public var room: ExchangeChannel
    public var roomFile: MessageFile
    /// A members-only seminar a week ahead, for ten.
    public var seminar: Event

    public func actor(_ member: Member) -> Requester { .member(id: member.id, role: member.role) }

    public static func seed(_ env: CoreEnvironment) async throws -> Community {
        let hash = try await env.passwords.hash(password)
        let now = env.now()
        let plan = Data("社外秘の計画書\n".utf8)
        let planFile = StoredFile(filename: "計画書.txt", kind: .text, size: plan.count, storedName: try await env.files.save(plan))
        let community = try await env.persistence.write { repos in
            let decarbonisation = try await repos.fields.insert(parentID: nil, key: "decarbon", name: "脱炭素", nameEn: "Decarbonisation")
            let hydrogen = try await repos.fields.insert(parentID: decarbonisation.id, key: "hydrogen", name: "水素技術", nameEn: "Hydrogen")
            let aquaculture = try await repos.fields.insert(parentID: nil, key: "aquaculture", name: "水産・陸上養殖", nameEn: "Aquaculture")
            var organizations: [Sector: Organization] = [:]
            let names: [Sector: (String, String)] = [
                .industry: ("山陰マリン株式会社", "さんいんまりん"), .academia: ("山陰工業高等専門学校", "さんいんこうぎょう"),
                .government: ("鳥取県 産業未来共創課", "とっとりけん"), .finance: ("因幡銀行", "いなばぎんこう"),
                .support: ("産業技術センター", "さんぎょうぎじゅつ"),
            ]
            for sector in Sector.allCases {
                let (name, kana) = names[sector]!
                organizations[sector] = try await repos.organizations.insert(
                    OrganizationDraft(
                        name: name, nameKana: kana, sector: sector, prefectureCode: "31", municipality: sector == .industry ? "境港市" : "鳥取市",
                        summary: "\(name)の概要", fieldIDs: sector == .industry ? [aquaculture.id] : [hydrogen.id]),
                    at: now
                )
            }
            func person(
                _ email: String, _ name: String, _ kana: String, _ role: Role, _ status: AccountStatus, _ sector: Sector, keywords: [String],
                fields: [Int64]
            ) async throws -> Member {
                try await repos.members.insert(
                    NewMember(
                        email: email, passwordHash: hash, role: role, status: status, organizationID: organizations[sector]!.id,
                        draft: ProfileDraft(
                            name: name, nameKana: kana, profile: Profile(title: "担当", keywords: keywords, offer: "\(name)の提供", seeking: "\(name)の希望"),
                            fieldIDs: fields)),
                    at: now
                )
            }
            let admin = try await person("admin@example.jp", "岡田 美咲", "おかだ みさき", .admin, .active, .government, keywords: ["事務局"], fields: [])
            let coordinator = try await person(
                "coord@example.jp", "西村 健", "にしむら けん", .coordinator, .active, .support, keywords: ["技術相談"], fields: [hydrogen.id])
            let member = try await person(
                "member@example.jp", "松本 恭平", "まつもと きょうへい", .member, .active, .academia, keywords: ["マイクロバブル", "微細気泡"], fields: [hydrogen.id])
            let guest = try await person("guest@example.jp", "陳 怡婷", "ちん いてい", .guest, .active, .industry, keywords: ["養殖"], fields: [aquaculture.id])
            let applicant = try await person("applicant@example.jp", "新井 一郎", "あらい いちろう", .member, .pending, .finance, keywords: [], fields: [])
            let group = try await repos.groups.insert(
                GroupDraft(kind: .studyGroup, name: "ファインバブル研究会", description: "微細気泡の研究", hostOrganizationID: organizations[.academia]!.id), at: now)
            try await repos.groups.setMembership(GroupMembership(groupID: group.id, memberID: member.id, role: .lead))
            let lobby = try await repos.channels.insert(
                ChannelDraft(kind: .public, name: "雑談", topic: "気軽な話題"), groupID: nil, directKey: nil, createdBy: coordinator.id, at: now)
            try await repos.channels.addSeat(channelID: lobby.id, memberID: coordinator.id, at: now)
            try await repos.channels.addSeat(channelID: lobby.id, memberID: member.id, at: now)
            let room = try await repos.channels.insert(
                ChannelDraft(kind: .private, name: "共同研究の相談"), groupID: nil, directKey: nil, createdBy: member.id, at: now)
            try await repos.channels.addSeat(channelID: room.id, memberID: member.id, at: now)
            let secret = try await repos.messages.insert(
                NewMessage(
                    channelID: room.id, authorID: member.id, body: "<!channel> 社外秘の計画", mentionsChannel: true, files: [planFile], at: now
                ))
            let seminar = try await repos.events.insert(
                EventDraft(
                    kind: .seminar, title: "水素セミナー", startsAt: now.addingTimeInterval(7 * 86_400), endsAt: now.addingTimeInterval(7 * 86_400 + 7_200),
                    place: EventPlace(venueName: "米子コンベンションセンター", prefectureCode: "31", onlineURL: "https://meet.example.jp/seminar"),
                    visibility: .members, capacity: 10),
                by: coordinator.id, at: now)
            return Community(
                env: env, decarbonisation: decarbonisation, hydrogen: hydrogen, aquaculture: aquaculture, organizations: organizations,
                admin: admin, coordinator: coordinator, member: member, guest: guest, applicant: applicant, group: group, lobby: lobby, room: room,
                roomFile: try await repos.messages.files(of: [secret.id])[0], seminar: seminar
            )
        }
        env.fieldTreeCache.invalidate()
        return community
    }

    /// One more active person, for flows that need two members (the seeded ones are counted
    /// by the directory tests). They sign in with `Community.password`.
    @discardableResult
    public func addMember(_ email: String, _ name: String, role: Role = .member, sector: Sector) async throws -> Member {
        let hash = try await env.passwords.hash(Self.password)
        let organizationID = organizations[sector]!.id
        let now = env.now()
        return try await env.persistence.write { repos in
            try await repos.members.insert(
                NewMember(
                    email: email, passwordHash: hash, role: role, status: .active, organizationID: organizationID,
                    draft: ProfileDraft(name: name, nameKana: "", profile: Profile(title: "", keywords: [], offer: "", seeking: ""), fieldIDs: [])),
                at: now
            )
        }
    }
}
