/// SQLite's search index gathers up to 16 MB of new entries in memory before it writes them
/// out as a piece of the index (1 MB by default): a large import then makes a sixteenth as
/// many pieces to merge. Posting is unchanged, as every transaction writes out what it
/// gathered. PostgreSQL has nothing to set.
enum EnlargeSearchIndexBuffer {
    static func statements(_ d: SchemaDialect) -> [String] {
        switch d.engine {
        case .sqlite: ["INSERT INTO message_search (message_search, rank) VALUES ('hashsize', 16777216)"]
        case .postgres: []
        }
    }
}
