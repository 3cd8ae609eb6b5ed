/// Seeds and needs. `search_text` holds the normalised title, summary and keywords, never
/// the details, so that a search cannot reveal what a viewer may not read.
enum CreateListings {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE listings (\(d.idColumn), kind TEXT NOT NULL,
              owner_id BIGINT NOT NULL REFERENCES members(id), organization_id BIGINT REFERENCES organizations(id),
              sector TEXT, title TEXT NOT NULL, summary TEXT NOT NULL, details TEXT NOT NULL,
              keywords TEXT NOT NULL, partner_sectors TEXT NOT NULL, stage TEXT NOT NULL, prefecture_code TEXT,
              expires_on BIGINT, disclosure TEXT NOT NULL, status TEXT NOT NULL, search_text TEXT NOT NULL,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX listings_updated ON listings (updated_at, id)",
            "CREATE INDEX listings_owner ON listings (owner_id)",
            """
            CREATE TABLE listing_fields (
              listing_id BIGINT NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
              field_id BIGINT NOT NULL REFERENCES fields(id), PRIMARY KEY (listing_id, field_id))
            """,
            "CREATE INDEX listing_fields_field ON listing_fields (field_id, listing_id)",
            """
            CREATE TABLE listing_organizations (
              listing_id BIGINT NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
              organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
              PRIMARY KEY (listing_id, organization_id))
            """,
        ]
    }
}
