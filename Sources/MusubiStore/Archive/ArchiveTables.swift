/// Which tables a community archive holds, in the order a restore writes them (every table
/// after those it refers to), and which it leaves out and why. Every table of the schema is
/// in one list or the other: a test fails when a new table is in neither.
enum ArchiveTables {
    /// A table the archive carries, read and written in the order of its key.
    struct Carried: Sendable {
        var name: String
        /// The primary key, in the order rows are read, written and compared.
        var key: [String]
        /// Columns that never leave the database (credentials), with what a restore writes in
        /// their place.
        var withheld: [String: Withheld] = [:]
    }

    /// What a restore writes in a column the archive does not carry.
    enum Withheld: Sendable {
        /// Text that can never match anything (an empty password hash: the person signs in
        /// through a sign-in link).
        case empty
        /// A fresh random value where the column must be unique (an invitation's digest: the
        /// old link no longer works).
        case random
    }

    static let carried: [Carried] = [
        Carried(name: "fields", key: ["id"]),
        Carried(name: "organizations", key: ["id"]),
        Carried(name: "organization_fields", key: ["organization_id", "field_id"]),
        Carried(name: "members", key: ["id"], withheld: ["password_hash": .empty]),
        Carried(name: "member_fields", key: ["member_id", "field_id"]),
        Carried(name: "invitations", key: ["id"], withheld: ["digest": .random]),
        Carried(name: "study_groups", key: ["id"]),
        Carried(name: "group_fields", key: ["group_id", "field_id"]),
        Carried(name: "group_members", key: ["group_id", "member_id"]),
        Carried(name: "concepts", key: ["key"]),
        Carried(name: "listings", key: ["id"]),
        Carried(name: "listing_fields", key: ["listing_id", "field_id"]),
        Carried(name: "listing_organizations", key: ["listing_id", "organization_id"]),
        Carried(name: "listing_attachments", key: ["id"]),
        Carried(name: "candidate_views", key: ["id"]),
        Carried(name: "introductions", key: ["id"]),
        Carried(name: "introduction_messages", key: ["id"]),
        Carried(name: "introduction_outcomes", key: ["id"]),
        Carried(name: "suggestion_pins", key: ["id"]),
        Carried(name: "channels", key: ["id"]),
        Carried(name: "channel_members", key: ["channel_id", "member_id"]),
        Carried(name: "messages", key: ["id"]),
        Carried(name: "message_files", key: ["id"]),
        Carried(name: "message_mentions", key: ["message_id", "member_id"]),
        Carried(name: "message_reactions", key: ["message_id", "member_id", "emoji"]),
        Carried(name: "audit_log", key: ["id"]),
        Carried(name: "notifications", key: ["id"]),
        Carried(name: "notification_preferences", key: ["member_id", "kind"]),
        Carried(name: "bulletins", key: ["id"]),
        Carried(name: "bulletin_fields", key: ["bulletin_id", "field_id"]),
        Carried(name: "saved_funding_calls", key: ["member_id", "bulletin_id"]),
        Carried(name: "bulletin_files", key: ["id"]),
        Carried(name: "events", key: ["id"]),
        Carried(name: "event_invitations", key: ["event_id", "member_id"]),
        Carried(name: "event_hosts", key: ["event_id", "organization_id"]),
        Carried(name: "event_fields", key: ["event_id", "field_id"]),
        Carried(name: "calendar_feeds", key: ["member_id"]),
        Carried(name: "event_visitors", key: ["id"]),
        Carried(name: "event_registrations", key: ["id"]),
        Carried(name: "event_minutes", key: ["event_id"]),
        Carried(name: "event_actions", key: ["id"]),
        // Which weeks' digests went out: a restored community does not send one twice.
        Carried(name: "digest_rounds", key: ["week"]),
        Carried(name: "sign_ins", key: ["member_id", "at"]),
        Carried(name: "dashboard_targets", key: ["fiscal_year"]),
        Carried(name: "community_settings", key: ["key"]),
    ]

    /// Tables left out, and why.
    static let leftOut: [String: String] = [
        "schema_migrations": "bookkeeping: the archive names its schema version, and the target is migrated to it",
        "sessions": "credentials: everyone signs in again",
        "api_tokens": "credentials: programs are given new tokens",
        "webhooks": "credentials: an incoming webhook's secret address is made again",
        "idempotency_keys": "answers kept a day for retried requests",
        "channel_events": "the live feed's recent events, which clients catch up from",
        "message_search": "the search index, rebuilt from the messages",
        "mail_outbox": "mail this installation sent or is sending: its own record, not the community's",
        "mail_opens": "which of this installation's mails were opened, when it counts them: its own record, like the outbox",
    ]

    /// Which stored files the archive carries: those records name.
    static let storedNameColumns: [(table: String, column: String)] = [
        ("listing_attachments", "stored_name"), ("message_files", "stored_name"), ("bulletin_files", "stored_name"),
    ]
}
