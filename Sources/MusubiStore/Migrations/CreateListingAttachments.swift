/// Files attached to listings (the bytes are in the file store).
enum CreateListingAttachments {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE listing_attachments (\(d.idColumn),
              listing_id BIGINT NOT NULL REFERENCES listings(id), filename TEXT NOT NULL, kind TEXT NOT NULL, size BIGINT NOT NULL,
              stored_name TEXT NOT NULL, uploaded_by BIGINT REFERENCES members(id), uploaded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX listing_attachments_listing ON listing_attachments (listing_id, id)",
        ]
    }
}
