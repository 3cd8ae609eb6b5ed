import Foundation
import MusubiCore
import MusubiTestSupport
import SQLKit
import Testing

@testable import MusubiStore

/// Registrations written before visitors existed come through the migration that lets a
/// registration belong to a visitor (SQLite makes that table again): same rows, same tickets,
/// same member, and the waitlist's order.
@Suite struct EventMigrationTests {
    @Test(arguments: TestDatabase.available)
    func registrationsFromBeforeVisitorsAreKept(_ database: TestDatabase) async throws {
        let persistence = try await database.open()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await persistence.run() }
            defer { group.cancelAll() }
            let migrator = Migrator(connections: persistence.connections)
            try await migrator.migrate(now: Date(), through: 26)
            try await persistence.connections.withWriter { db in
                for statement in [
                    "INSERT INTO organizations (name, name_kana, sector, prefecture_code, municipality, municipality_norm, website, summary, search_text, created_at) VALUES ('O', 'o', 'industry', '31', '', '', '', '', '', 0)",
                    "INSERT INTO members (email, password_hash, role, status, name, name_kana, organization_id, title, keywords, offer, seeking, languages, search_text, created_at) VALUES ('a@example.jp', 'x', 'member', 'active', '松本 恭平', 'まつもと', 1, '', '', '', '', '', '', 0)",
                    "INSERT INTO events (kind, title, description, starts_at, ends_at, venue_name, address, prefecture_code, municipality, online_url, visibility, capacity, created_at) VALUES ('seminar', 'S', '', 1, 2, '', '', '', '', '', 'members', 1, 0)",
                    "INSERT INTO event_registrations (event_id, member_id, status, registered_at, changed_at, ticket) VALUES (1, 1, 'waitlisted', 5, 5, 'TICKET0000000001')",
                ] {
                    try await db.raw(SQLQueryString(statement)).run()
                }
            }
            #expect(try await migrator.migrate(now: Date()).contains(27))
            let kept = try await persistence.read { try await $0.events.registration(ticket: "TICKET0000000001") }
            #expect(kept?.registrant == .member(1) && kept?.status == .waitlisted && kept?.registeredAt == Date(epochMilliseconds: 5))
            let attendees = try await persistence.read { try await $0.events.attendees(eventID: 1) }
            #expect(attendees.map(\.name) == ["松本 恭平"] && attendees.first?.group == .sector(.industry))
            try await persistence.close()
        }
    }
}
