import Foundation
import MusubiCore
import MusubiStore
import MusubiTestSupport
import Testing

@Suite struct AccountStoreTests {
    @Test(arguments: TestDatabase.available)
    func sessionsAreFoundByDigestAndEndWithTheirPerson(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let community = try await Community.seed(.testing(persistence))
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            for digest in ["a", "b"] {
                try await persistence.write {
                    try await $0.accounts.insertSession(
                        Session(
                            digest: digest, memberID: community.member.id, csrfToken: "t-\(digest)", createdAt: now,
                            expiresAt: now.addingTimeInterval(60)))
                }
            }
            let found = try #require(try await persistence.read { try await $0.accounts.session(digest: "a") })
            #expect(found.session.csrfToken == "t-a")
            #expect(found.account.email == "member@example.jp")
            #expect(found.session.expiresAt == now.addingTimeInterval(60))
            try await persistence.write { try await $0.accounts.deleteSessions(of: community.member.id) }
            #expect(try await persistence.read { try await $0.accounts.session(digest: "b") } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func invitationsAndTokens(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let community = try await Community.seed(.testing(persistence))
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let invitation = try await persistence.write {
                try await $0.accounts.insertInvitation(
                    digest: "inv", email: "new@example.jp", role: .guest, organizationID: nil, memberID: nil, invitedBy: community.coordinator.id,
                    at: now, expiresAt: now.addingTimeInterval(3600))
            }
            #expect(try await persistence.read { try await $0.accounts.invitation(digest: "inv") } == invitation)
            try await persistence.write { try await $0.accounts.markInvitationAccepted(id: invitation.id, at: now) }
            #expect(try await persistence.read { try await $0.accounts.invitation(digest: "inv") }?.isUsable(at: now) == false)

            let token = try await persistence.write {
                try await $0.accounts.insertToken(digest: "tok", memberID: community.member.id, name: "bot", prefix: "msb_abc", at: now)
            }
            let holder = try await persistence.read { try await $0.accounts.tokenHolder(digest: "tok") }
            #expect(holder?.tokenID == token.id && holder?.account.memberID == community.member.id)
            #expect(try await persistence.read { try await $0.accounts.tokens(of: community.member.id) }.first?.lastUsedAt == nil, "only looked at")
            try await persistence.write { try await $0.accounts.markTokensUsed([token.id: now.addingTimeInterval(5)]) }
            #expect(
                try await persistence.read { try await $0.accounts.tokens(of: community.member.id) }.first?.lastUsedAt == now.addingTimeInterval(5))
            #expect(try await persistence.write { try await $0.accounts.revokeToken(id: token.id, of: community.coordinator.id, at: now) } == false)
            #expect(try await persistence.write { try await $0.accounts.revokeToken(id: token.id, of: community.member.id, at: now) } == true)
            #expect(try await persistence.read { try await $0.accounts.tokenHolder(digest: "tok") } == nil)
            let others = try await persistence.write { repos in
                _ = try await repos.accounts.insertToken(digest: "tok2", memberID: community.member.id, name: "ci", prefix: "msb_def", at: now)
                _ = try await repos.accounts.insertToken(digest: "tok3", memberID: community.member.id, name: "cron", prefix: "msb_ghi", at: now)
                return try await repos.accounts.revokeTokens(of: community.member.id, at: now)
            }
            #expect(others == 2, "the one revoked before is not counted again")
            #expect(try await persistence.read { try await $0.accounts.tokens(of: community.member.id) }.allSatisfy { $0.revokedAt != nil })
        }
    }

    @Test(arguments: TestDatabase.available)
    func auditLogFiltersByActorActionAndTime(_ database: TestDatabase) async throws {
        try await database.with { persistence in
            let community = try await Community.seed(.testing(persistence))
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            try await persistence.write { repos in
                try await repos.audit.append(
                    actorID: community.admin.id, action: .roleChanged, subjectType: "member", subjectID: community.member.id,
                    detail: "member → coordinator", at: start)
                try await repos.audit.append(
                    actorID: community.coordinator.id, action: .applicationApproved, subjectType: "member", subjectID: community.applicant.id,
                    detail: "新井", at: start.addingTimeInterval(3600))
            }
            let byActor = try await persistence.read { try await $0.audit.search(AuditQuery(actorID: community.coordinator.id)) }
            #expect(byActor.items.map(\.action) == [.applicationApproved])
            let byAction = try await persistence.read { try await $0.audit.search(AuditQuery(action: .roleChanged)) }
            #expect(byAction.items.first?.detail == "member → coordinator")
            let late = try await persistence.read { try await $0.audit.search(AuditQuery(since: start.addingTimeInterval(60))) }
            #expect(late.total == 1)
        }
    }
}
