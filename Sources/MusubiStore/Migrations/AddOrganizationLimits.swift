/// How many people one organisation may register for an event.
enum AddOrganizationLimits {
    static func statements(_ d: SchemaDialect) -> [String] {
        ["ALTER TABLE events ADD COLUMN per_organization_limit BIGINT"]
    }
}
