import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

@Suite struct DirectoryStoreTests {
    @Test(arguments: TestDatabase.available)
    func searchFindsMembersByWidthAndKanaInsensitiveText(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let community = try await Community.seed(.testing(persistence))
            for query in ["ﾏｲｸﾛﾊﾞﾌﾞﾙ", "マイクロバブル", "まいくろばぶる", "微細", "松本", "まつもと"] {
                let found = try await persistence.read { try await $0.members.search(DirectoryQuery(terms: JapaneseText.terms(of: query))) }
                #expect(found.items.map(\.id) == [community.member.id], "query \(query)")
            }
            let nothing = try await persistence.read { try await $0.members.search(DirectoryQuery(terms: ["100%_"])) }
            #expect(nothing.total == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func filtersCombineAndAFieldIncludesItsDescendants(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let community = try await Community.seed(.testing(persistence))
            let tree = FieldTree(try await persistence.read { try await $0.fields.all() })
            func ids(_ query: DirectoryQuery) async throws -> Set<Int64> {
                Set(try await persistence.read { try await $0.members.search(query) }.items.map(\.id))
            }
            let underDecarbonisation = try await ids(DirectoryQuery(fieldIDs: tree.subtree(of: community.decarbonisation.id)))
            #expect(underDecarbonisation == [community.member.id, community.coordinator.id])
            #expect(try await ids(DirectoryQuery(sector: .academia)) == [community.member.id])
            #expect(try await ids(DirectoryQuery(municipality: JapaneseText.normalize("境港市"))) == [community.guest.id])
            #expect(try await ids(DirectoryQuery(prefectureCode: "13")).isEmpty)
            // The applicant is pending: never in the directory.
            #expect(!(try await ids(DirectoryQuery())).contains(community.applicant.id))
            #expect(try await ids(DirectoryQuery()).count == 4)
        }
    }

    @Test(arguments: TestDatabase.available)
    func pagesCountEverythingAndReturnASlice(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            _ = try await Community.seed(.testing(persistence))
            let page = try await persistence.read { try await $0.members.search(DirectoryQuery(page: PageRequest(number: 2, size: 3))) }
            #expect(page.total == 4)
            #expect(page.items.count == 1)
            #expect(page.pageCount == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSecondAccountWithTheSameEmailIsAConflict(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            _ = try await Community.seed(.testing(persistence))
            await #expect(throws: MusubiError.conflict("error.email_taken")) {
                try await persistence.write { repos in
                    try await repos.members.insert(
                        NewMember(
                            email: "member@example.jp", passwordHash: "", role: .member, status: .active, organizationID: nil,
                            draft: ProfileDraft(name: "x", nameKana: "", profile: Profile(), fieldIDs: [])),
                        at: Date()
                    )
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailedWriteLeavesNothingBehind(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await persistence.write { repos in
                    _ = try await repos.organizations.insert(OrganizationDraft(name: "途中まで", sector: .industry, prefectureCode: "31"), at: Date())
                    throw Boom()
                }
            }
            let empty = try await persistence.isEmpty()
            #expect(empty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func organisationsUpdateAndRenameTheirMembersSearch(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let community = try await Community.seed(.testing(persistence))
            let academia = community.organizations[.academia]!
            try await persistence.write { repos in
                try await repos.organizations.update(
                    id: academia.id,
                    with: OrganizationDraft(
                        name: "米子ﾃｸﾉ大学", nameKana: "よなごてくのだいがく", sector: .academia, prefectureCode: "31",
                        municipality: "米子市", website: "https://techno.example.jp", summary: "新しい概要", fieldIDs: [community.aquaculture.id]
                    ))
            }
            let updated = try #require(try await persistence.read { try await $0.organizations.find(id: academia.id) })
            #expect(updated.name == "米子ﾃｸﾉ大学")
            #expect(updated.fieldIDs == [community.aquaculture.id])
            let byNewName = try await persistence.read { try await $0.members.search(DirectoryQuery(terms: ["てくの"])) }
            #expect(byNewName.items.map(\.id) == [community.member.id])
            let counts = try await persistence.read { try await $0.organizations.countBySector() }
            #expect(counts == [.industry: 1, .academia: 1, .government: 1, .finance: 1, .support: 1])
            let later = try await persistence.write { repos in
                try await repos.organizations.insert(
                    OrganizationDraft(name: "後発工業", nameKana: "こうはつ", sector: .industry, prefectureCode: "31"), at: Date().addingTimeInterval(60)
                )
            }
            let newest = try await persistence.read { try await $0.organizations.newest(limit: 2) }
            #expect(newest.count == 2)
            #expect(newest.first?.id == later.id)
        }
    }

    @Test(arguments: TestDatabase.available)
    func groupsKeepTheirMembersAndRoles(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let community = try await Community.seed(.testing(persistence))
            try await persistence.write { repos in
                try await repos.groups.setMembership(GroupMembership(groupID: community.group.id, memberID: community.coordinator.id, role: .member))
                try await repos.groups.setMembership(GroupMembership(groupID: community.group.id, memberID: community.coordinator.id, role: .lead))
            }
            let members = try await persistence.read { try await $0.groups.members(of: community.group.id) }
            #expect(members.map(\.member.id).sorted() == [community.coordinator.id, community.member.id].sorted())
            #expect(members.allSatisfy { $0.role == .lead })
            try await persistence.write { try await $0.groups.removeMember(community.member.id, from: community.group.id) }
            #expect(try await persistence.read { try await $0.groups.memberCounts() } == [community.group.id: 1])
            #expect(try await persistence.read { try await $0.groups.groups(of: community.coordinator.id) }.map(\.id) == [community.group.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func migratingTwiceChangesNothing(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let applied = try await persistence.migrate()
            #expect(applied == [])
        }
    }
}
