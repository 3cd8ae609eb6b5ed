/// How far each week's digest has been sent: one row per week, moved on with every batch of
/// letters it wrote.
enum CreateDigestRounds {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE digest_rounds (week TEXT PRIMARY KEY, started_at BIGINT NOT NULL, last_member_id BIGINT NOT NULL DEFAULT 0,
              composed INTEGER NOT NULL DEFAULT 0, mailed INTEGER NOT NULL DEFAULT 0, finished_at BIGINT)
            """
        ]
    }
}
