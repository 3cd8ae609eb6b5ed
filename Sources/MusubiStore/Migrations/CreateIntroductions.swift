/// Introductions, what came of them, and their private threads.
enum CreateIntroductions {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE introductions (\(d.idColumn),
              requester_id BIGINT NOT NULL REFERENCES members(id), recipient_id BIGINT NOT NULL REFERENCES members(id),
              listing_id BIGINT REFERENCES listings(id), message TEXT NOT NULL, status TEXT NOT NULL,
              coordinator_id BIGINT REFERENCES members(id), coordinator_note TEXT NOT NULL,
              requested_at BIGINT NOT NULL, reviewed_at BIGINT, answered_at BIGINT)
            """,
            "CREATE INDEX introductions_requester ON introductions (requester_id, requested_at)",
            "CREATE INDEX introductions_recipient ON introductions (recipient_id, requested_at)",
            "CREATE INDEX introductions_status ON introductions (status, requested_at)",
            // One request under way or accepted per pair and listing, even when two arrive at once.
            """
            CREATE UNIQUE INDEX introductions_open ON introductions (requester_id, recipient_id, COALESCE(listing_id, 0))
            WHERE status IN ('requested', 'approved', 'accepted')
            """,
            """
            CREATE TABLE introduction_outcomes (\(d.idColumn),
              introduction_id BIGINT NOT NULL REFERENCES introductions(id) ON DELETE CASCADE,
              kind TEXT NOT NULL, happened_on BIGINT NOT NULL, note TEXT NOT NULL,
              recorded_by BIGINT NOT NULL REFERENCES members(id), recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX introduction_outcomes_introduction ON introduction_outcomes (introduction_id, happened_on)",
            """
            CREATE TABLE introduction_messages (\(d.idColumn),
              introduction_id BIGINT NOT NULL REFERENCES introductions(id) ON DELETE CASCADE,
              author_id BIGINT NOT NULL REFERENCES members(id), body TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX introduction_messages_introduction ON introduction_messages (introduction_id, id)",
        ]
    }
}
