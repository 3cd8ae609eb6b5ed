/// The organisations that hold an event (主催, and 共催 with them, in the order given), its
/// fields, and each member's private calendar feed.
enum CreateEventHostsAndFields {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE event_hosts (
              event_id BIGINT NOT NULL REFERENCES events(id), organization_id BIGINT NOT NULL REFERENCES organizations(id),
              role TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (event_id, organization_id))
            """,
            "CREATE INDEX event_hosts_organization ON event_hosts (organization_id)",
            """
            CREATE TABLE event_fields (
              event_id BIGINT NOT NULL REFERENCES events(id), field_id BIGINT NOT NULL REFERENCES fields(id), PRIMARY KEY (event_id, field_id))
            """,
            "CREATE INDEX event_fields_field ON event_fields (field_id, event_id)",
            """
            CREATE TABLE calendar_feeds (
              member_id BIGINT PRIMARY KEY REFERENCES members(id), key_digest TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL)
            """,
        ]
    }
}
