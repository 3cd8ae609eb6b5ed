/// Channels the admin marks as the network's announcements: new members are seated in them.
enum AddAnnouncementChannels {
    static func statements(_ d: SchemaDialect) -> [String] {
        ["ALTER TABLE channels ADD COLUMN announcement INTEGER NOT NULL DEFAULT 0"]
    }
}
