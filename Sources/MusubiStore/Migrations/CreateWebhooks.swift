/// Slack-compatible incoming webhooks: each posts into one channel through a secret URL, of
/// which only a digest is kept. Messages get the icon a webhook may give its name.
enum CreateWebhooks {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE webhooks (\(d.idColumn),
              channel_id BIGINT NOT NULL REFERENCES channels(id), name TEXT NOT NULL, secret_digest TEXT NOT NULL UNIQUE,
              created_by BIGINT REFERENCES members(id), created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT)
            """,
            "CREATE INDEX webhooks_channel ON webhooks (channel_id, id)",
            "ALTER TABLE messages ADD COLUMN author_icon TEXT NOT NULL DEFAULT ''",
        ]
    }
}
