import MusubiCore
import SQLKit

/// Each registration's ticket (what its QR code carries to the door), and each event's
/// sequence (raised when it changes, as calendar programs expect).
enum AddEventTickets {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            "ALTER TABLE event_registrations ADD COLUMN ticket TEXT",
            "CREATE UNIQUE INDEX event_registrations_ticket ON event_registrations (ticket)",
            "ALTER TABLE events ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0",
        ]
    }

    /// Registrations made before tickets get theirs.
    @Sendable static func issueTickets(_ db: any SQLDatabase) async throws {
        for row in try await db.raw("SELECT id FROM event_registrations WHERE ticket IS NULL").all() {
            let id = try row.decode(column: "id", as: Int64.self)
            try await db.raw("UPDATE event_registrations SET ticket = \(bind: Registration.newTicket()) WHERE id = \(bind: id)").run()
        }
    }
}
