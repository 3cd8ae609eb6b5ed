/// Invitations that name an existing person: a one-time link to set a password (for people
/// who came in by import, or who forgot theirs).
enum AddSignInLinks {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            "ALTER TABLE invitations ADD COLUMN member_id BIGINT REFERENCES members(id) ON DELETE CASCADE",
            "CREATE INDEX invitations_member ON invitations (member_id)",
        ]
    }
}
