/// Files posted with messages (the bytes are in the file store).
enum CreateMessageFiles {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE message_files (\(d.idColumn),
              message_id BIGINT NOT NULL REFERENCES messages(id), filename TEXT NOT NULL, kind TEXT NOT NULL, size BIGINT NOT NULL, stored_name TEXT NOT NULL)
            """,
            "CREATE INDEX message_files_message ON message_files (message_id, id)",
        ]
    }
}
