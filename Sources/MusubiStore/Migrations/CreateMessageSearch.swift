import MusubiCore
import SQLKit

/// The search index of messages (see `SQLMessageSearch`), filled with the messages there are.
/// SQLite's FTS5 table keeps no copy of the text (`content=''`) and a one-character prefix
/// index, so that one-character queries read one list; PostgreSQL keeps a `tsvector`.
enum CreateMessageSearch {
    static func statements(_ d: SchemaDialect) -> [String] {
        switch d.engine {
        case .sqlite:
            [
                """
                CREATE VIRTUAL TABLE message_search USING fts5(grams, content='', contentless_delete=1, tokenize='ascii', prefix='1')
                """,
                "CREATE INDEX messages_author ON messages (author_id, id)",
            ]
        case .postgres:
            [
                "CREATE TABLE message_search (message_id BIGINT PRIMARY KEY REFERENCES messages(id), grams tsvector NOT NULL)",
                postgresGramsIndex,
                "CREATE INDEX messages_author ON messages (author_id, id)",
            ]
        }
    }

    /// PostgreSQL's index of the grams. A restore drops it while it fills the table and builds it
    /// again once the rows are in, as bulk loads do, rather than entry by entry.
    static let postgresGramsIndex = "CREATE INDEX message_search_grams ON message_search USING GIN (grams)"

    @Sendable static func indexMessages(_ db: any SQLDatabase) async throws {
        let search = SQLMessageSearch(db: db)
        for row in try await db.raw("SELECT id, body FROM messages WHERE deleted_at IS NULL ORDER BY id").all() {
            try await search.index(messageID: try row.int64("id"), body: try row.string("body"), fileNames: [])
        }
    }
}
