import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

@Suite struct MatchingAPITests {
    static func client(_ site: TestSite, _ email: String) async throws -> APIClient {
        let browser = site.browser()
        try await browser.signIn(email)
        return APIClient(client: site.client, token: try await APIClient.token(for: browser))
    }

    @Test(arguments: TestDatabase.available)
    func listingsCandidatesAndAnIntroductionThroughTheAPI(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            try await site.community.addMember("maker@example.jp", "山本 工業", sector: .industry)
            let owner = try await Self.client(site, "member@example.jp")
            let maker = try await Self.client(site, "maker@example.jp")
            let coordinator = try await Self.client(site, "coord@example.jp")

            let seed = try await owner.call(
                .post, "/api/v1/listings",
                json: [
                    "kind": "seed", "title": "微細気泡の発生装置", "summary": "直径50µmの泡を安定して作る", "details": "試作機あり",
                    "disclosure": "members", "expiresOn": "2999-12-31", "partnerSectors": ["industry"],
                ])
            #expect(seed.status == .created, "\(seed.body)")
            let seedID = try #require(seed.object["id"] as? Int)
            #expect(seed.object["details"] as? String == "試作機あり")
            let need = try await maker.call(
                .post, "/api/v1/listings", json: ["kind": "need", "title": "網の汚れ", "summary": "ﾏｲｸﾛﾊﾞﾌﾞﾙで養殖網を洗いたい", "disclosure": "public"])
            let needID = try #require(need.object["id"] as? Int)

            let candidates = try await maker.call(.get, "/api/v1/listings/\(needID)/candidates")
            #expect(candidates.status == .ok)
            let first = try #require(candidates.items.first)
            #expect((first["listing"] as? [String: Any])?["id"] as? Int == seedID)
            let reasons = first["reasons"] as? [[String: Any]] ?? []
            #expect(reasons.contains { $0["type"] as? String == "sharedConcepts" && ($0["valuesEn"] as? [String])?.contains("Fine bubbles") == true })

            // A visitor sees the public need but not the members' seed, nor it as a candidate.
            let visitor = APIClient(client: site.client, token: nil)
            let listed = try await visitor.call(.get, "/api/v1/listings")
            #expect(listed.items.map { $0["id"] as? Int } == [needID])
            #expect(try await visitor.call(.get, "/api/v1/listings/\(needID)/candidates").items.isEmpty)
            #expect(try await visitor.call(.get, "/api/v1/listings/\(seedID)").status == .unauthorized)

            let asked = try await maker.call(.post, "/api/v1/introductions", json: ["listingId": seedID, "message": "相談させてください"])
            #expect(asked.status == .created, "\(asked.body)")
            let introductionID = try #require(asked.object["id"] as? Int)
            #expect((asked.object["recipient"] as? [String: Any])?["email"] == nil)
            #expect(try await owner.call(.get, "/api/v1/introductions/\(introductionID)").status == .notFound)
            let queue = try await coordinator.call(.get, "/api/v1/introductions?box=queue")
            #expect(queue.items.map { $0["id"] as? Int } == [introductionID])
            #expect(try await maker.call(.get, "/api/v1/introductions?box=queue").status == .forbidden)
            #expect(
                try await coordinator.call(.post, "/api/v1/introductions/\(introductionID)/review", json: ["decision": "approve"]).status
                    == .noContent)
            #expect(try await owner.call(.post, "/api/v1/introductions/\(introductionID)/answer", json: ["answer": "accept"]).status == .noContent)
            let connected = try await maker.call(.get, "/api/v1/introductions/\(introductionID)")
            #expect(connected.object["status"] as? String == "accepted")
            #expect((connected.object["recipient"] as? [String: Any])?["email"] as? String == "member@example.jp")
            let posted = try await owner.call(.post, "/api/v1/introductions/\(introductionID)/messages", json: ["body": "よろしくお願いします"])
            #expect(posted.status == .created)
            let outcome = try await maker.call(
                .post, "/api/v1/introductions/\(introductionID)/outcomes", json: ["kind": "meeting_held", "on": "2026-01-15"])
            #expect(outcome.status == .created, "\(outcome.body)")
            let after = try await owner.call(.get, "/api/v1/introductions/\(introductionID)")
            #expect((after.object["messages"] as? [[String: Any]])?.count == 1)
            #expect((after.object["outcomes"] as? [[String: Any]])?.first?["kind"] as? String == "meeting_held")

            #expect(try await owner.call(.put, "/api/v1/listings/\(seedID)/status", json: ["status": "matched"]).status == .noContent)
            #expect(try await maker.call(.put, "/api/v1/listings/\(seedID)/status", json: ["status": "closed"]).status == .forbidden)
            #expect(try await owner.call(.get, "/api/v1/listings?mine=true").items.first?["status"] as? String == "matched")
        }
    }

    @Test(arguments: TestDatabase.available)
    func badInputIsRefusedWithTheProblemsAndNothingIsWritten(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = try await Self.client(site, "member@example.jp")
            let missing = try await member.call(
                .post, "/api/v1/listings", json: ["kind": "seed", "title": "", "summary": "s", "expiresOn": "31/12/2026"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorCode == "error.invalid")
            let unknownKind = try await member.call(.post, "/api/v1/listings", json: ["kind": "offer", "title": "t", "summary": "s"])
            #expect(unknownKind.status == .badRequest)
            #expect(try await member.call(.post, "/api/v1/listings", raw: "{not json").status == .badRequest)
            let past = try await member.call(
                .post, "/api/v1/listings", json: ["kind": "seed", "title": "t", "summary": "s", "expiresOn": "2001-01-01"])
            #expect(past.status == .unprocessableContent)
            #expect(try await member.call(.get, "/api/v1/listings?mine=true").object["total"] as? Int == 0)
            #expect(
                try await member.call(.post, "/api/v1/introductions", json: ["listingId": 1, "memberId": 2, "message": "m"]).status
                    == .unprocessableContent)
            #expect(try await member.call(.get, "/api/v1/introductions?box=everything").status == .badRequest)
            #expect(try await member.call(.get, "/api/v1/introductions").object["total"] as? Int == 0)
        }
    }
}
