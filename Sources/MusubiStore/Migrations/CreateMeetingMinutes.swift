/// Meetings' records: the agenda, minutes and decisions a coordinator writes after a meeting
/// (one record an event), and its action items.
enum CreateMeetingMinutes {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE event_minutes (
              event_id BIGINT PRIMARY KEY REFERENCES events(id), agenda TEXT NOT NULL, minutes TEXT NOT NULL, decisions TEXT NOT NULL,
              visibility TEXT NOT NULL, written_by BIGINT REFERENCES members(id), updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE event_actions (\(d.idColumn),
              event_id BIGINT NOT NULL REFERENCES events(id), text TEXT NOT NULL, owner_id BIGINT REFERENCES members(id),
              due_at BIGINT, done_at BIGINT, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX event_actions_event ON event_actions (event_id, id)",
        ]
    }
}
