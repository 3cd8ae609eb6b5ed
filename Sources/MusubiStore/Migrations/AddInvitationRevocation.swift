/// A coordinator may take an invitation back before it is used.
enum AddInvitationRevocation {
    static func statements(_ d: SchemaDialect) -> [String] {
        ["ALTER TABLE invitations ADD COLUMN revoked_at BIGINT"]
    }
}
