/// Visitors: people without an account who register for a public event by mail. A
/// registration now belongs to a member or to a visitor; an event says whether visitors may
/// register.
enum CreateEventVisitors {
    /// A registration is a member's or a visitor's, never both or neither.
    static let onePerson = "CHECK ((member_id IS NULL) <> (visitor_id IS NULL))"

    static func statements(_ d: SchemaDialect) -> [String] {
        let visitors = [
            """
            CREATE TABLE event_visitors (\(d.idColumn),
              event_id BIGINT NOT NULL REFERENCES events(id), name TEXT NOT NULL, organization TEXT NOT NULL, email TEXT NOT NULL,
              email_key TEXT NOT NULL, key_digest TEXT NOT NULL, created_at BIGINT NOT NULL, confirmed_at BIGINT,
              UNIQUE (event_id, email_key))
            """,
            "CREATE UNIQUE INDEX event_visitors_key ON event_visitors (key_digest)",
            "ALTER TABLE events ADD COLUMN visitors_welcome INTEGER NOT NULL DEFAULT 0",
        ]
        let registrations: [String]
        switch d.engine {
        case .postgres:
            registrations = [
                "ALTER TABLE event_registrations ALTER COLUMN member_id DROP NOT NULL",
                "ALTER TABLE event_registrations ADD COLUMN visitor_id BIGINT REFERENCES event_visitors(id)",
                "ALTER TABLE event_registrations ADD CONSTRAINT event_registrations_one_person \(onePerson)",
            ]
        case .sqlite:
            // SQLite cannot drop a NOT NULL: the table is made again with the same rows.
            registrations = [
                """
                CREATE TABLE event_registrations_next (\(d.idColumn),
                  event_id BIGINT NOT NULL REFERENCES events(id), member_id BIGINT REFERENCES members(id),
                  visitor_id BIGINT REFERENCES event_visitors(id),
                  status TEXT NOT NULL, registered_at BIGINT NOT NULL, changed_at BIGINT NOT NULL, checked_in_at BIGINT, ticket TEXT,
                  UNIQUE (event_id, member_id), \(onePerson))
                """,
                """
                INSERT INTO event_registrations_next (id, event_id, member_id, status, registered_at, changed_at, checked_in_at, ticket)
                SELECT id, event_id, member_id, status, registered_at, changed_at, checked_in_at, ticket FROM event_registrations
                """,
                "DROP TABLE event_registrations",
                "ALTER TABLE event_registrations_next RENAME TO event_registrations",
                "CREATE INDEX event_registrations_waiting ON event_registrations (event_id, status, id)",
                "CREATE UNIQUE INDEX event_registrations_ticket ON event_registrations (ticket)",
            ]
        }
        return visitors + registrations + ["CREATE UNIQUE INDEX event_registrations_visitor ON event_registrations (visitor_id)"]
    }
}
