/// The directory, accounts, sessions, invitations, API tokens and the audit log.
/// Times are epoch milliseconds (UTC); lists such as keywords are JSON arrays in TEXT.
/// `search_text` columns hold `JapaneseText.normalize` of everything a search should find.
enum CreateDirectoryAndAccounts {
    static func statements(_ d: SchemaDialect) -> [String] {
        [
            """
            CREATE TABLE fields (\(d.idColumn), parent_id BIGINT REFERENCES fields(id),
              key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_en TEXT NOT NULL)
            """,
            """
            CREATE TABLE organizations (\(d.idColumn), name TEXT NOT NULL, name_kana TEXT NOT NULL,
              sector TEXT NOT NULL, prefecture_code TEXT NOT NULL, municipality TEXT NOT NULL,
              municipality_norm TEXT NOT NULL, website TEXT NOT NULL, summary TEXT NOT NULL,
              search_text TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX organizations_sector ON organizations (sector, name_kana)",
            "CREATE INDEX organizations_prefecture ON organizations (prefecture_code, municipality_norm)",
            """
            CREATE TABLE organization_fields (
              organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
              field_id BIGINT NOT NULL REFERENCES fields(id), PRIMARY KEY (organization_id, field_id))
            """,
            "CREATE INDEX organization_fields_field ON organization_fields (field_id, organization_id)",
            """
            CREATE TABLE members (\(d.idColumn), email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
              role TEXT NOT NULL, status TEXT NOT NULL, name TEXT NOT NULL, name_kana TEXT NOT NULL,
              organization_id BIGINT REFERENCES organizations(id), title TEXT NOT NULL,
              keywords TEXT NOT NULL, offer TEXT NOT NULL, seeking TEXT NOT NULL, languages TEXT NOT NULL,
              search_text TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX members_status_kana ON members (status, name_kana)",
            "CREATE INDEX members_status_created ON members (status, created_at)",
            "CREATE INDEX members_organization ON members (organization_id)",
            """
            CREATE TABLE member_fields (
              member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
              field_id BIGINT NOT NULL REFERENCES fields(id), PRIMARY KEY (member_id, field_id))
            """,
            "CREATE INDEX member_fields_field ON member_fields (field_id, member_id)",
            """
            CREATE TABLE study_groups (\(d.idColumn), kind TEXT NOT NULL, name TEXT NOT NULL,
              description TEXT NOT NULL, parent_id BIGINT REFERENCES study_groups(id),
              host_organization_id BIGINT REFERENCES organizations(id), created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE group_fields (
              group_id BIGINT NOT NULL REFERENCES study_groups(id) ON DELETE CASCADE,
              field_id BIGINT NOT NULL REFERENCES fields(id), PRIMARY KEY (group_id, field_id))
            """,
            """
            CREATE TABLE group_members (
              group_id BIGINT NOT NULL REFERENCES study_groups(id) ON DELETE CASCADE,
              member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
              role TEXT NOT NULL, PRIMARY KEY (group_id, member_id))
            """,
            "CREATE INDEX group_members_member ON group_members (member_id)",
            """
            CREATE TABLE sessions (digest TEXT PRIMARY KEY,
              member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
              csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX sessions_member ON sessions (member_id)",
            "CREATE INDEX sessions_expiry ON sessions (expires_at)",
            """
            CREATE TABLE invitations (\(d.idColumn), digest TEXT NOT NULL UNIQUE, email TEXT NOT NULL,
              role TEXT NOT NULL, organization_id BIGINT REFERENCES organizations(id),
              invited_by BIGINT NOT NULL REFERENCES members(id), created_at BIGINT NOT NULL,
              expires_at BIGINT NOT NULL, accepted_at BIGINT)
            """,
            """
            CREATE TABLE api_tokens (\(d.idColumn), digest TEXT NOT NULL UNIQUE,
              member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE, name TEXT NOT NULL,
              prefix TEXT NOT NULL, created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT)
            """,
            "CREATE INDEX api_tokens_member ON api_tokens (member_id)",
            """
            CREATE TABLE audit_log (\(d.idColumn), at BIGINT NOT NULL, actor_id BIGINT REFERENCES members(id),
              action TEXT NOT NULL, subject_type TEXT NOT NULL, subject_id BIGINT, detail TEXT NOT NULL)
            """,
            "CREATE INDEX audit_log_at ON audit_log (at)",
            "CREATE INDEX audit_log_actor ON audit_log (actor_id, at)",
            "CREATE INDEX audit_log_action ON audit_log (action, at)",
        ]
    }
}
