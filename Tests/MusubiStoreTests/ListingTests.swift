import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

/// Seeds and needs through the core on a real database: who sees what, search, filters,
/// bad input, and candidates that never leak details a viewer may not read.
@Suite struct ListingTests {
    static func draft(
        _ kind: ListingKind, _ title: String, summary: String, details: String = "", disclosure: Disclosure = .members,
        disclosedTo: [Int64] = [], fields: [Int64] = [], expiresOn: Date? = nil
    ) -> ListingDraft {
        ListingDraft(
            kind: kind, title: title, summary: summary, details: details, fieldIDs: fields, keywords: [],
            partnerSectors: [.academia], stage: .research, expiresOn: expiresOn, disclosure: disclosure, disclosedTo: disclosedTo)
    }

    @Test(arguments: TestDatabase.available)
    func detailsGoOnlyToWhomTheDisclosureLevelAdmits(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let listings = Listings(c.env)
            let industry = c.organizations[.industry]!.id
            let secret = try await listings.post(
                c.actor(c.member), Self.draft(.seed, "養殖向けの新技術", summary: "水産向け", details: "微細気泡の発生条件", disclosure: .coordinators))
            let named = try await listings.post(
                c.actor(c.member),
                Self.draft(.seed, "共同研究の提案", summary: "概要", details: "企業名入りの計画", disclosure: .organizations, disclosedTo: [industry]))
            let open = try await listings.post(
                c.actor(c.member), Self.draft(.need, "公開ニーズ", summary: "誰でも読める", details: "詳細も公開", disclosure: .public))

            let asCoordinator = try await listings.show(c.actor(c.coordinator), id: secret.id)
            #expect(asCoordinator.listing.content.details == "微細気泡の発生条件")
            let asOwner = try await listings.show(c.actor(c.member), id: secret.id)
            #expect(asOwner.detailsVisible && asOwner.editable)
            let asAdminOfOtherOrg = try await listings.show(c.actor(c.admin), id: named.id)
            #expect(asAdminOfOtherOrg.detailsVisible) // admins are coordinators too
            // The guest works at the named organisation, but guests see only public listings.
            await #expect(throws: MusubiError.notFound) { try await listings.show(c.actor(c.guest), id: named.id) }
            await #expect(throws: MusubiError.unauthenticated) { try await listings.show(.anonymous, id: secret.id) }
            let visitor = try await listings.show(.anonymous, id: open.id)
            #expect(visitor.listing.content.details == "詳細も公開")
            #expect(!visitor.editable)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aMemberOfANamedOrganisationReadsTheDetailsOthersOnlyTheSummary(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let listings = Listings(c.env)
            let academia = c.organizations[.academia]!.id
            let listing = try await listings.post(
                c.actor(c.coordinator),
                Self.draft(.need, "配管の洗浄", summary: "工場の配管", details: "社外秘の図面", disclosure: .organizations, disclosedTo: [academia]))
            let named = try await listings.show(c.actor(c.member), id: listing.id) // the member works at the college
            #expect(named.detailsVisible)
            #expect(named.listing.content.details == "社外秘の図面")
            #expect(named.listing.content.disclosedTo.isEmpty) // only editors see whom it names
            let asOwner = try await listings.show(c.actor(c.coordinator), id: listing.id)
            #expect(asOwner.listing.content.disclosedTo == [academia])
        }
    }

    @Test(arguments: TestDatabase.available)
    func browsingShowsVisitorsOnlyPublicListingsAndSearchNeverReadsDetails(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let clock = TestClock()
            let c = try await Community.seed(.testing(persistence, clock: clock))
            let listings = Listings(c.env)
            _ = try await listings.post(
                c.actor(c.member), Self.draft(.seed, "ﾏｲｸﾛﾊﾞﾌﾞﾙ発生装置", summary: "泡で洗う", details: "チタン製ノズル", disclosure: .public, fields: [c.hydrogen.id])
            )
            _ = try await listings.post(
                c.actor(c.member), Self.draft(.need, "陸上養殖の水質", summary: "ヒラメの飼育", disclosure: .members, fields: [c.aquaculture.id]))
            _ = try await listings.post(
                c.actor(c.member), Self.draft(.need, "期限付き", summary: "まもなく終わる", expiresOn: c.env.now().addingTimeInterval(3_600)))
            let closed = try await listings.post(c.actor(c.member), Self.draft(.seed, "終了した", summary: "募集終了"))
            try await listings.setStatus(c.actor(c.member), id: closed.id, to: .closed)

            func titles(_ actor: Requester, _ filters: Listings.Filters = .init()) async throws -> Set<String> {
                Set(try await listings.browse(actor, filters).items.map(\.listing.content.title))
            }
            #expect(try await titles(.anonymous) == ["ﾏｲｸﾛﾊﾞﾌﾞﾙ発生装置"])
            #expect(try await titles(c.actor(c.guest)) == ["ﾏｲｸﾛﾊﾞﾌﾞﾙ発生装置"])
            #expect(try await titles(c.actor(c.member)).count == 4)
            #expect(try await titles(c.actor(c.member), .init(text: "マイクロバブル")) == ["ﾏｲｸﾛﾊﾞﾌﾞﾙ発生装置"])
            #expect(try await titles(c.actor(c.member), .init(text: "チタン")).isEmpty) // only in the details
            #expect(try await titles(c.actor(c.member), .init(kind: .need)) == ["陸上養殖の水質", "期限付き"])
            #expect(try await titles(c.actor(c.member), .init(fieldID: c.decarbonisation.id)) == ["ﾏｲｸﾛﾊﾞﾌﾞﾙ発生装置"])
            #expect(try await titles(c.actor(c.member), .init(sector: .academia)).count == 4)
            #expect(try await titles(c.actor(c.member), .init(status: .closed)) == ["終了した"])
            // Past its expiry a listing leaves the list, but its owner still finds it among their own.
            clock.advance(by: 7_200)
            #expect(try await titles(c.actor(c.member), .init(kind: .need)) == ["陸上養殖の水質"])
            #expect(try await titles(c.actor(c.member), .init(kind: .need, mine: true)) == ["陸上養殖の水質", "期限付き"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func badInputIsRefusedWithEveryProblemAndNothingIsWritten(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let listings = Listings(c.env)
            var draft = Self.draft(
                .seed, "", summary: String(repeating: "長", count: 1_001), disclosure: .organizations, expiresOn: c.env.now().addingTimeInterval(-1))
            draft.fieldIDs = [99_999]
            do {
                _ = try await listings.post(c.actor(c.member), draft)
                Issue.record("a bad listing was accepted")
            } catch MusubiError.invalid(let problems) {
                #expect(Set(problems.map(\.field)) == ["title", "summary", "fieldIDs", "expiresOn", "disclosedTo"])
            }
            await #expect(throws: MusubiError.invalid("disclosedTo", "error.organization_unknown")) {
                _ = try await listings.post(
                    c.actor(c.member), Self.draft(.seed, "t", summary: "s", disclosure: .organizations, disclosedTo: [99_999]))
            }
            await #expect(throws: MusubiError.unauthenticated) { _ = try await listings.post(.anonymous, Self.draft(.seed, "t", summary: "s")) }
            await #expect(throws: MusubiError.forbidden) { _ = try await listings.post(c.actor(c.guest), Self.draft(.seed, "t", summary: "s")) }
            #expect(try await listings.browse(c.actor(c.admin), .init(mine: false)).total == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyTheOwnerAndCoordinatorsEditOrCloseAListing(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let listings = Listings(c.env)
            let listing = try await listings.post(c.actor(c.member), Self.draft(.seed, "元の題", summary: "s"))
            var edited = listing.content
            edited.title = "新しい題"
            // A guest may not even see a members' listing; another member may see it but not change it.
            await #expect(throws: MusubiError.notFound) { try await listings.edit(c.actor(c.guest), id: listing.id, edited) }
            let coordinators = try await listings.post(c.actor(c.coordinator), Self.draft(.need, "事務局の", summary: "s"))
            await #expect(throws: MusubiError.forbidden) { try await listings.edit(c.actor(c.member), id: coordinators.id, coordinators.content) }
            await #expect(throws: MusubiError.forbidden) { try await listings.setStatus(c.actor(c.member), id: coordinators.id, to: .closed) }
            try await listings.edit(c.actor(c.coordinator), id: listing.id, edited)
            #expect(try await listings.show(c.actor(c.member), id: listing.id).listing.content.title == "新しい題")
            await #expect(throws: MusubiError.notFound) { try await listings.setStatus(c.actor(c.member), id: 99_999, to: .closed) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func candidatesComeFromWhatTheViewerMayReadOnly(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let c = try await Community.seed(.testing(persistence))
            let listings = Listings(c.env)
            // A seed whose summary says nothing of bubbles; only its confidential details do.
            let secret = try await listings.post(
                c.actor(c.coordinator),
                Self.draft(.seed, "水産向けの新しい取り組み", summary: "漁協と進める計画", details: "微細気泡の発生装置で生け簀の酸素を増やす", disclosure: .coordinators))
            let open = try await listings.post(c.actor(c.coordinator), Self.draft(.seed, "ナノバブル水の洗浄", summary: "ファインバブルで配管を洗う", disclosure: .members))
            let need = try await listings.post(c.actor(c.member), Self.draft(.need, "マイクロバブルを養殖に使いたい", summary: "ヒラメの生け簀で試したい"))

            func conceptsShared(_ candidate: Matchmaking.Candidate?) -> [String] {
                var labels: [String] = []
                for reason in candidate?.reasons ?? [] { if case .sharedConcepts(let shared) = reason { labels += shared.map(\.ja) } }
                return labels
            }
            // The member may read only the secret seed's summary: it may be a candidate through
            // that (水産 is related to 養殖), but never through the bubbles in its details.
            let forMember = try await Matchmaking(c.env).candidates(c.actor(c.member), listingID: need.id)
            #expect(forMember.first?.listing.listing.id == open.id)
            #expect(conceptsShared(forMember.first).contains("ファインバブル"))
            let secretForMember = forMember.first { $0.listing.listing.id == secret.id }
            #expect(!conceptsShared(secretForMember).contains("ファインバブル"))
            #expect(secretForMember?.listing.detailsVisible != true)
            #expect(secretForMember?.listing.listing.content.details.isEmpty != false)
            // The coordinator reads the details, and they count.
            let forCoordinator = try await Matchmaking(c.env).candidates(c.actor(c.coordinator), listingID: need.id)
            let secretForCoordinator = try #require(forCoordinator.first { $0.listing.listing.id == secret.id })
            #expect(conceptsShared(secretForCoordinator).contains("ファインバブル"))
            #expect(secretForCoordinator.score > (secretForMember?.score ?? 0))
            // Closing a listing takes it out of every list of candidates at once.
            try await listings.setStatus(c.actor(c.coordinator), id: open.id, to: .closed)
            #expect(!(try await Matchmaking(c.env).candidates(c.actor(c.member), listingID: need.id)).contains { $0.listing.listing.id == open.id })
            // A visitor cannot ask for candidates of a members' listing.
            await #expect(throws: MusubiError.unauthenticated) { _ = try await Matchmaking(c.env).candidates(.anonymous, listingID: need.id) }
        }
    }
}
