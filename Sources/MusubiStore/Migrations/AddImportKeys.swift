/// Imports: the people, channels and messages an import made carry the key they had where
/// they came from, so that importing the same export again finds them instead of copying.
enum AddImportKeys {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            "ALTER TABLE members ADD COLUMN import_key TEXT",
            "ALTER TABLE channels ADD COLUMN import_key TEXT",
            "ALTER TABLE messages ADD COLUMN import_key TEXT",
            "CREATE UNIQUE INDEX members_import_key ON members (import_key) WHERE import_key IS NOT NULL",
            "CREATE UNIQUE INDEX channels_import_key ON channels (import_key) WHERE import_key IS NOT NULL",
            "CREATE UNIQUE INDEX messages_import_key ON messages (channel_id, import_key) WHERE import_key IS NOT NULL",
        ]
    }
}
