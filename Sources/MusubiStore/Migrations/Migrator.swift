import Foundation
import SQLKit

/// Brings the schema up to date, one numbered migration at a time, each in its own
/// transaction. The same SQL serves both engines; the few differences are spelled in
/// `SchemaDialect`.
struct Migrator {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var statements: @Sendable (SchemaDialect) -> [String]
        /// Work after the statements that needs Swift (filling a new index), in the same transaction.
        var backfill: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "directory and accounts", statements: CreateDirectoryAndAccounts.statements),
        Migration(version: 2, name: "sign-in links for existing accounts", statements: AddSignInLinks.statements),
        Migration(version: 3, name: "seeds and needs", statements: CreateListings.statements),
        Migration(version: 4, name: "introductions", statements: CreateIntroductions.statements),
        Migration(version: 5, name: "coordinators' concepts", statements: CreateConcepts.statements),
        Migration(version: 6, name: "suggestion pins and candidate views", statements: CreateSuggestionPinsAndCandidateViews.statements),
        Migration(version: 7, name: "listing attachments", statements: CreateListingAttachments.statements),
        Migration(version: 8, name: "the exchange", statements: CreateExchange.statements),
        Migration(version: 9, name: "message search", statements: CreateMessageSearch.statements, backfill: CreateMessageSearch.indexMessages),
        Migration(version: 10, name: "message files", statements: CreateMessageFiles.statements),
        Migration(version: 11, name: "incoming webhooks", statements: CreateWebhooks.statements),
        Migration(version: 12, name: "import keys", statements: AddImportKeys.statements),
        Migration(version: 13, name: "search index memory", statements: EnlargeSearchIndexBuffer.statements),
        Migration(version: 14, name: "idempotency keys", statements: CreateIdempotencyKeys.statements),
        Migration(version: 15, name: "mail outbox", statements: CreateMailOutbox.statements),
        Migration(version: 16, name: "notifications", statements: CreateNotifications.statements),
        Migration(version: 17, name: "invitation revocation", statements: AddInvitationRevocation.statements),
        Migration(version: 18, name: "bulletins and funding calls", statements: CreateBulletins.statements),
        Migration(version: 19, name: "weekly digest rounds", statements: CreateDigestRounds.statements),
        Migration(version: 20, name: "dashboard", statements: CreateDashboard.statements),
        Migration(version: 21, name: "announcement channels", statements: AddAnnouncementChannels.statements),
        Migration(version: 22, name: "organisations typed by applicants", statements: AddAppliedOrganization.statements),
        Migration(version: 23, name: "bulletin files", statements: CreateBulletinFiles.statements),
        Migration(version: 24, name: "mail opens", statements: CreateMailOpens.statements),
        Migration(version: 25, name: "events and registrations", statements: CreateEvents.statements),
        Migration(version: 26, name: "event tickets", statements: AddEventTickets.statements, backfill: AddEventTickets.issueTickets),
        Migration(version: 27, name: "event visitors", statements: CreateEventVisitors.statements),
        Migration(version: 28, name: "event hosts, fields and calendar feeds", statements: CreateEventHostsAndFields.statements),
        Migration(version: 29, name: "meeting minutes", statements: CreateMeetingMinutes.statements),
        Migration(version: 30, name: "per-organisation limits of events", statements: AddOrganizationLimits.statements),
    ]

    /// The schema this Musubi brings a database to: its newest migration.
    static var schemaVersion: Int { migrations.last!.version }

    let connections: any DatabaseConnections

    /// The names of the migrations not applied yet, oldest first; reads only.
    func pending() async throws -> [String] {
        let engine = connections.engine
        let applied = try await connections.withReader { db -> Set<Int> in
            let tables: SQLQueryString =
                switch engine {
                case .sqlite: "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                case .postgres:
                    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
                }
            guard try await db.count(tables) > 0 else { return [] }
            return Set(try await db.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
        }
        return Self.migrations.filter { !applied.contains($0.version) }.map(\.name)
    }

    /// The versions applied by this call, oldest first; `through` stops at a version (for the
    /// tests of a migration on rows written before it).
    @discardableResult
    func migrate(now: Date, through last: Int = schemaVersion) async throws -> [Int] {
        let dialect = SchemaDialect(engine: connections.engine)
        try await connections.prepare()
        try await connections.withWriter { db in
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
        }
        var applied: [Int] = []
        for migration in Self.migrations where migration.version <= last {
            let done = try await connections.withWriter { db -> Bool in
                let rows = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").all()
                if !rows.isEmpty { return true }
                for statement in migration.statements(dialect) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await migration.backfill?(db)
                try await db.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now.epochMilliseconds))"
                ).run()
                return false
            }
            if !done { applied.append(migration.version) }
        }
        return applied
    }
}

/// The spellings that differ between SQLite and PostgreSQL.
struct SchemaDialect: Sendable {
    let engine: DatabaseEngine

    /// A 64-bit auto-assigned primary key.
    var idColumn: String {
        switch engine {
        case .sqlite: "id INTEGER PRIMARY KEY"
        case .postgres: "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        }
    }
}
