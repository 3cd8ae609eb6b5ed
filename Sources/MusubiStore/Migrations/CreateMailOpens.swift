/// Mails counted as opened (only when the installation counts them): one row per mail, its
/// kind and when, and no name.
enum CreateMailOpens {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            "CREATE TABLE mail_opens (message_key TEXT PRIMARY KEY, kind TEXT NOT NULL, opened_at BIGINT NOT NULL)",
            "CREATE INDEX mail_opens_at ON mail_opens (opened_at)",
        ]
    }
}
