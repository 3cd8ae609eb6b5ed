import Foundation
import MusubiCore
import MusubiTestSupport
import Testing

/// When the database fails (a full or read-only disk, a busy SQLite, a PostgreSQL that went
/// away), every 5xx is logged with the request's id and its cause and answered as its route
/// group answers errors; and reads with a token do not depend on writing anything.
@Suite struct ServerFaultTests {
    @Test(arguments: TestDatabase.available)
    func aFailedTokenCheckIsAnsweredInJSONAndLogged(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let token = try await APIClient.token(for: member)
            site.faults.failReads("disk I/O error (simulated)")
            let answer = try await APIClient(client: site.client, token: token).call(.get, "/api/v1/me")
            site.faults.failReads(nil)
            #expect(answer.status == .internalServerError)
            #expect(answer.errorCode == "error.internal", "the API's JSON error, not an empty body: \(answer.body)")
            let entry = try #require(site.log.logged.first { $0.message == "request failed" && $0.metadata["path"] == "/api/v1/me" })
            #expect(entry.metadata["hb.request.id"]?.isEmpty == false, "the request's id")
            #expect(entry.metadata["error"]?.contains("disk I/O error") == true, "the cause")
            #expect(!site.log.logged.contains { $0.metadata.values.contains { $0.contains(token) } }, "never the token")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPageThatCannotReadGetsTheErrorPageAndIsLogged(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            site.faults.failReads("database is locked (simulated)")
            let page = try await member.get("/listings")
            site.faults.failReads(nil)
            #expect(page.status == .internalServerError)
            #expect(page.contains("<html"), "an error page")
            let entry = try #require(site.log.logged.first { $0.message == "request failed" && $0.metadata["path"] == "/listings" })
            #expect(entry.metadata["hb.request.id"]?.isEmpty == false)
            #expect(entry.metadata["error"]?.contains("database is locked") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func readsWithATokenWorkWhenNothingCanBeWrittenAndItsUseIsRecordedLater(_ database: TestDatabase) async throws {
        try await TestSite.run(database) { site in
            let member = site.browser()
            try await member.signIn("member@example.jp")
            let api = APIClient(client: site.client, token: try await APIClient.token(for: member))
            site.faults.failWrites("database or disk is full (simulated)")
            for path in ["/api/v1/me", "/api/v1/members", "/api/v1/listings", "/api/v1/me"] {
                let answer = try await api.call(.get, path)
                #expect(answer.status == .ok, "\(path) with a token on a full disk: \(answer.status)")
            }
            let write = try await api.call(.patch, "/api/v1/me", json: ["name": "松本 恭平", "title": "技師"])
            #expect(write.status == .internalServerError, "writes do fail: \(write.status) \(write.body)")
            let tokens = { try await site.environment.persistence.read { try await $0.accounts.tokens(of: site.community.member.id) } }
            #expect(try await tokens().first?.lastUsedAt == nil)
            site.faults.failWrites(nil)
            // The writer tries again every few seconds.
            let deadline = ContinuousClock.now + .seconds(30)
            while try await tokens().first?.lastUsedAt == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try await tokens().first?.lastUsedAt == site.environment.now())
        }
    }
}
