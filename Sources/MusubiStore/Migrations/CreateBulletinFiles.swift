/// Documents attached to bulletins and funding calls (a call's guidelines, its forms).
enum CreateBulletinFiles {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE bulletin_files (\(d.idColumn),
              bulletin_id BIGINT NOT NULL REFERENCES bulletins(id), filename TEXT NOT NULL, kind TEXT NOT NULL, size BIGINT NOT NULL,
              stored_name TEXT NOT NULL, uploaded_by BIGINT REFERENCES members(id), uploaded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX bulletin_files_bulletin ON bulletin_files (bulletin_id, id)",
        ]
    }
}
