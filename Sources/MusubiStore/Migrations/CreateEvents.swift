/// Events, who is invited to them, and who registered (with a place, or waiting for one).
enum CreateEvents {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE events (\(d.idColumn),
              kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
              starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL, all_day INTEGER NOT NULL DEFAULT 0,
              venue_name TEXT NOT NULL, address TEXT NOT NULL, prefecture_code TEXT NOT NULL, municipality TEXT NOT NULL,
              online_url TEXT NOT NULL, visibility TEXT NOT NULL, capacity BIGINT,
              registration_opens_at BIGINT, registration_closes_at BIGINT,
              created_by BIGINT REFERENCES members(id), created_at BIGINT NOT NULL, cancelled_at BIGINT)
            """,
            "CREATE INDEX events_starts ON events (starts_at, id)",
            """
            CREATE TABLE event_invitations (
              event_id BIGINT NOT NULL REFERENCES events(id), member_id BIGINT NOT NULL REFERENCES members(id), invited_at BIGINT NOT NULL,
              PRIMARY KEY (event_id, member_id))
            """,
            """
            CREATE TABLE event_registrations (\(d.idColumn),
              event_id BIGINT NOT NULL REFERENCES events(id), member_id BIGINT NOT NULL REFERENCES members(id),
              status TEXT NOT NULL, registered_at BIGINT NOT NULL, changed_at BIGINT NOT NULL, checked_in_at BIGINT,
              UNIQUE (event_id, member_id))
            """,
            "CREATE INDEX event_registrations_waiting ON event_registrations (event_id, status, id)",
        ]
    }
}
