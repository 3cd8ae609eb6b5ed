/// The outbox of mail: written in the transaction of the change a mail tells of, sent by the
/// outbox service (`MailOutbox`).
enum CreateMailOutbox {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE mail_outbox (\(d.idColumn),
              kind TEXT NOT NULL, mail TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt_at BIGINT NOT NULL, last_error TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL, sent_at BIGINT)
            """,
            "CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)",
        ]
    }
}
