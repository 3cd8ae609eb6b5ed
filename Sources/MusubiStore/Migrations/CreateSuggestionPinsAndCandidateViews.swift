/// Mix suggestions coordinators pinned for members, and who looked at which listing's
/// candidates (the coordinators' funnel).
enum CreateSuggestionPinsAndCandidateViews {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE suggestion_pins (\(d.idColumn),
              member_id BIGINT NOT NULL REFERENCES members(id), subject_kind TEXT NOT NULL, subject_id BIGINT NOT NULL,
              note TEXT NOT NULL, pinned_by BIGINT REFERENCES members(id), pinned_at BIGINT NOT NULL,
              UNIQUE (member_id, subject_kind, subject_id))
            """,
            """
            CREATE TABLE candidate_views (\(d.idColumn),
              listing_id BIGINT NOT NULL REFERENCES listings(id), viewer_id BIGINT REFERENCES members(id), at BIGINT NOT NULL)
            """,
            "CREATE INDEX candidate_views_listing ON candidate_views (listing_id, viewer_id, at)",
        ]
    }
}
