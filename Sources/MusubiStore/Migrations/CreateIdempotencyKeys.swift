/// The answers kept for requests sent with an idempotency key, a day long, per person.
enum CreateIdempotencyKeys {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE idempotency_keys (
              member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE, request_key TEXT NOT NULL, request TEXT NOT NULL,
              answer TEXT, created_at BIGINT NOT NULL, PRIMARY KEY (member_id, request_key))
            """,
            "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)",
        ]
    }
}
