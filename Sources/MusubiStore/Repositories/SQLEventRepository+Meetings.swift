import Foundation
import MusubiCore
import SQLKit

/// Meetings' records: minutes and action items.
extension SQLEventRepository {
    func minutes(eventID: Int64) async throws -> (record: MeetingRecord, updatedAt: Date)? {
        guard let row = try await db.raw("SELECT * FROM event_minutes WHERE event_id = \(bind: eventID)").first() else { return nil }
        let record = MeetingRecord(
            agenda: try Self.lines(row.string("agenda")), minutes: try row.string("minutes"), decisions: try Self.lines(row.string("decisions")),
            visibility: try row.enumValue("visibility", as: MinutesVisibility.self))
        return (record, try row.date("updated_at"))
    }

    func saveMinutes(eventID: Int64, _ record: MeetingRecord, by: Int64?, at: Date) async throws {
        let (agenda, decisions) = (try Self.json(record.agenda), try Self.json(record.decisions))
        try await db.raw(
            """
            INSERT INTO event_minutes (event_id, agenda, minutes, decisions, visibility, written_by, updated_at)
            VALUES (\(bind: eventID), \(bind: agenda), \(bind: record.minutes), \(bind: decisions), \(bind: record.visibility.rawValue), \(bind: by),
              \(bind: at.epochMilliseconds))
            ON CONFLICT (event_id) DO UPDATE SET agenda = excluded.agenda, minutes = excluded.minutes, decisions = excluded.decisions,
              visibility = excluded.visibility, written_by = excluded.written_by, updated_at = excluded.updated_at
            """
        ).run()
    }

    func actions(eventID: Int64) async throws -> [ActionItem] {
        try await db.raw(
            """
            SELECT a.*, m.name AS owner_name FROM event_actions a LEFT JOIN members m ON m.id = a.owner_id
            WHERE a.event_id = \(bind: eventID) ORDER BY a.id
            """
        ).all().map { row in
            ActionItem(
                id: try row.int64("id"), eventID: try row.int64("event_id"), text: try row.string("text"), ownerID: try row.optionalInt64("owner_id"),
                ownerName: try row.decode(column: "owner_name", as: String?.self) ?? "", due: try row.optionalDate("due_at"),
                doneAt: try row.optionalDate("done_at"))
        }
    }

    func insertAction(eventID: Int64, text: String, ownerID: Int64?, due: Date?, at: Date) async throws -> ActionItem {
        let id = try await db.insertReturningID(
            """
            INSERT INTO event_actions (event_id, text, owner_id, due_at, created_at)
            VALUES (\(bind: eventID), \(bind: text), \(bind: ownerID), \(bind: due?.epochMilliseconds), \(bind: at.epochMilliseconds))
            """)
        guard let action = try await actions(eventID: eventID).first(where: { $0.id == id }) else { throw MusubiError.notFound }
        return action
    }

    func setActionDone(id: Int64, at: Date?) async throws {
        try await db.raw("UPDATE event_actions SET done_at = \(bind: at?.epochMilliseconds) WHERE id = \(bind: id)").run()
    }

    private static func json(_ lines: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
    }

    private static func lines(_ text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
