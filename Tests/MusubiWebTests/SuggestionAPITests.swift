import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// Person candidates, mix suggestions and pins, the funnel and bulk matching through the API.
@Suite struct SuggestionAPITests {
    @Test(arguments: TestDatabase.available)
    func suggestionsPinsPeopleFunnelAndBulkMatching(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let (_, need, _) = try await SuggestionPageTests.listings(site)
            let needID = Int(IntroductionFlowTests.id(of: need))!
            let researcher = try await MatchingAPITests.client(site, "member@example.jp")
            let coordinator = try await MatchingAPITests.client(site, "coord@example.jp")
            let visitor = APIClient(client: site.client, token: nil)

            let mine = try await researcher.call(.get, "/api/v1/suggestions")
            #expect(mine.status == .ok)
            let first = try #require(mine.items.first)
            #expect((first["listing"] as? [String: Any])?["id"] as? Int == needID)
            #expect((first["reasons"] as? [[String: Any]])?.contains { $0["type"] as? String == "sharedConcepts" } == true)
            #expect(try await visitor.call(.get, "/api/v1/suggestions").status == .unauthorized)
            #expect(try await researcher.call(.get, "/api/v1/suggestions/community").status == .notFound)

            let community = try await coordinator.call(.get, "/api/v1/suggestions/community")
            #expect(community.items.contains { $0["memberId"] as? Int == Int(site.community.member.id) })

            // A coordinator pins a person for the researcher; it comes first, with its note.
            let pin = try await coordinator.call(
                .post, "/api/v1/suggestions/pins",
                json: [
                    "memberId": site.community.member.id, "personId": site.community.guest.id, "note": "養殖の現場を知る人です",
                ])
            #expect(pin.status == .created, "\(pin.body)")
            #expect(
                try await researcher.call(.post, "/api/v1/suggestions/pins", json: ["memberId": site.community.member.id, "listingId": needID]).status
                    == .forbidden)
            #expect(
                try await coordinator.call(.post, "/api/v1/suggestions/pins", json: ["memberId": site.community.member.id]).status
                    == .unprocessableContent)
            #expect(
                try await coordinator.call(
                    .post, "/api/v1/suggestions/pins",
                    json: [
                        "memberId": site.community.member.id, "personId": site.community.member.id,
                    ]
                ).status == .unprocessableContent, "nobody is suggested to themselves")
            let pinned = try await researcher.call(.get, "/api/v1/suggestions")
            #expect((pinned.items.first?["person"] as? [String: Any])?["id"] as? Int == Int(site.community.guest.id))
            #expect((pinned.items.first?["pin"] as? [String: Any])?["note"] as? String == "養殖の現場を知る人です")
            let pinID = try #require((pin.object["id"] as? Int))
            #expect(try await coordinator.call(.delete, "/api/v1/suggestions/pins/\(pinID)").status == .noContent)
            #expect(try await coordinator.call(.delete, "/api/v1/suggestions/pins/\(pinID)").status == .notFound)

            // People for a listing, and a person's candidates.
            let people = try await coordinator.call(.get, "/api/v1/listings/\(needID)/people")
            #expect(people.status == .ok)
            #expect(
                people.items.contains { ($0["person"] as? [String: Any])?["id"] as? Int == Int(site.community.member.id) },
                "the researcher's keywords offer fine bubbles: \(people.body)")
            #expect(try await visitor.call(.get, "/api/v1/listings/\(needID)/people").items.isEmpty)
            let matches = try await coordinator.call(.get, "/api/v1/members/\(site.community.member.id)/candidates")
            #expect((matches.object["listings"] as? [[String: Any]])?.contains { ($0["listing"] as? [String: Any])?["id"] as? Int == needID } == true)
            #expect(try await visitor.call(.get, "/api/v1/members/\(site.community.member.id)/candidates").status == .unauthorized)

            // The funnel and bulk matching are the coordinators'.
            let funnel = try await coordinator.call(.get, "/api/v1/funnel")
            #expect((funnel.object["total"] as? [String: Any])?["needs"] as? Int == 2)
            #expect(try await researcher.call(.get, "/api/v1/funnel").status == .notFound)
            let bulk = try await coordinator.call(
                .post, "/api/v1/matching/bulk?top=3", raw: #"[{"id": "q1", "title": "水素の電解", "body": "マイクロバブルで効率を上げたい"}]"#)
            #expect(bulk.status == .ok, "\(bulk.body)")
            #expect(bulk.items.first?["needId"] as? String == "q1")
            let malformed = try await coordinator.call(.post, "/api/v1/matching/bulk", raw: #"[{"title": "no id"}]"#)
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.body.contains("id is missing"))
            #expect(
                try await coordinator.call(.post, "/api/v1/matching/bulk?top=0", raw: #"[{"id": "a", "title": "t"}]"#).status == .badRequest
            )
            #expect(try await researcher.call(.post, "/api/v1/matching/bulk", raw: #"[{"id": "a", "title": "t"}]"#).status == .notFound)

            // Needs written to keep the matcher busy are answered like any other; a batch that
            // would take longer than the deadline is refused, to be sent in parts.
            let hostile = (0..<5).map { ["id": "h\($0)", "title": "陸上養殖", "body": String(repeating: "水質", count: 5_000)] }
            let clock = ContinuousClock()
            let started = clock.now
            #expect(try await coordinator.call(.post, "/api/v1/matching/bulk?top=3", json: hostile).items.count == 5)
            #expect(clock.now - started < .seconds(5))
            let query = MatchDocument(id: "a", kind: .need, title: "陸上養殖")
            await #expect(throws: MusubiError.invalid("needs", "error.bulk_too_slow")) {
                let coordinator = Requester.member(id: site.community.coordinator.id, role: .coordinator)
                return try await Matchmaking(site.environment).bestSeeds(coordinator, for: [query], top: 3, deadline: .zero)
            }
        }
    }
}
