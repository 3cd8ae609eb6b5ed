/// The coordinator's bulletins and funding calls, their fields, and the calls members saved
/// (with the reminders sent). Audiences are JSON lists on the row: they are read with it.
enum CreateBulletins {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE bulletins (\(d.idColumn), kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
              visibility TEXT NOT NULL, target_sectors TEXT NOT NULL, target_field_ids TEXT NOT NULL, target_group_ids TEXT NOT NULL,
              publish_at BIGINT NOT NULL, expires_at BIGINT, pinned INTEGER NOT NULL DEFAULT 0,
              funder_organization_id BIGINT REFERENCES organizations(id), funder_name TEXT NOT NULL DEFAULT '',
              programme TEXT NOT NULL DEFAULT '', amount_min BIGINT, amount_max BIGINT, eligibility TEXT NOT NULL DEFAULT '',
              eligible_sectors TEXT NOT NULL DEFAULT '[]', opens_on BIGINT, deadline BIGINT, link TEXT NOT NULL DEFAULT '',
              author_id BIGINT REFERENCES members(id), created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, announced_at BIGINT,
              discussion_message_id BIGINT)
            """,
            "CREATE INDEX bulletins_expiry ON bulletins (expires_at)",
            "CREATE INDEX bulletins_unannounced ON bulletins (publish_at) WHERE announced_at IS NULL",
            """
            CREATE TABLE bulletin_fields (
              bulletin_id BIGINT NOT NULL REFERENCES bulletins(id), field_id BIGINT NOT NULL REFERENCES fields(id),
              PRIMARY KEY (bulletin_id, field_id))
            """,
            """
            CREATE TABLE saved_funding_calls (
              member_id BIGINT NOT NULL REFERENCES members(id), bulletin_id BIGINT NOT NULL REFERENCES bulletins(id),
              saved_at BIGINT NOT NULL, reminded_14_at BIGINT, reminded_3_at BIGINT, PRIMARY KEY (member_id, bulletin_id))
            """,
            "CREATE INDEX saved_funding_calls_bulletin ON saved_funding_calls (bulletin_id)",
        ]
    }
}
