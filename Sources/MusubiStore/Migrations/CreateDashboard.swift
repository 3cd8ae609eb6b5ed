/// What the dashboard needs that nothing else keeps: every sign-in (sessions are swept when
/// they expire), the admin's participants target per fiscal year, and the community's
/// settings (whether the dashboard's summary is public).
enum CreateDashboard {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            "CREATE TABLE sign_ins (member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE, at BIGINT NOT NULL)",
            "CREATE INDEX sign_ins_at ON sign_ins (at)",
            "CREATE TABLE dashboard_targets (fiscal_year INTEGER PRIMARY KEY, participants INTEGER NOT NULL)",
            "CREATE TABLE community_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE INDEX messages_created ON messages (created_at)",
        ]
    }
}
