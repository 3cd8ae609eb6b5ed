/// Concepts coordinators add to the matching dictionary, or terms they add to a bundled
/// concept (same key).
enum CreateConcepts {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE concepts (key TEXT PRIMARY KEY, label TEXT NOT NULL, label_en TEXT NOT NULL,
              terms TEXT NOT NULL, related TEXT NOT NULL,
              updated_by BIGINT REFERENCES members(id), updated_at BIGINT NOT NULL)
            """
        ]
    }
}
