/// The bell: each person's notifications, and how each kind reaches them when they chose.
enum CreateNotifications {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE notifications (\(d.idColumn),
              member_id BIGINT NOT NULL REFERENCES members(id), kind TEXT NOT NULL, step TEXT NOT NULL,
              actor_id BIGINT REFERENCES members(id), subject TEXT NOT NULL, excerpt TEXT NOT NULL, target TEXT NOT NULL,
              created_at BIGINT NOT NULL, read_at BIGINT)
            """,
            // The bell's count and the list, newest first: both read one person's rows.
            "CREATE INDEX notifications_member ON notifications (member_id, id)",
            "CREATE INDEX notifications_unread ON notifications (member_id) WHERE read_at IS NULL",
            """
            CREATE TABLE notification_preferences (
              member_id BIGINT NOT NULL REFERENCES members(id), kind TEXT NOT NULL, delivery TEXT NOT NULL,
              PRIMARY KEY (member_id, kind))
            """,
        ]
    }
}
