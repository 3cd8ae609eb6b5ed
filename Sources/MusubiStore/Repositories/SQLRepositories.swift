import Foundation
import MusubiCore
import SQLKit

/// Every repository over one database session (one connection, maybe inside a transaction).
struct SQLRepositories: Repositories {
    let db: any SQLDatabase

    var fields: any FieldRepository { SQLFieldRepository(db: db) }
    var organizations: any OrganizationRepository { SQLOrganizationRepository(db: db) }
    var members: any MemberRepository { SQLMemberRepository(db: db) }
    var groups: any GroupRepository { SQLGroupRepository(db: db) }
    var accounts: any AccountRepository { SQLAccountRepository(db: db) }
    var audit: any AuditRepository { SQLAuditRepository(db: db) }
    var listings: any ListingRepository { SQLListingRepository(db: db) }
    var introductions: any IntroductionRepository { SQLIntroductionRepository(db: db) }
    var concepts: any ConceptRepository { SQLConceptRepository(db: db) }
    var suggestionPins: any SuggestionPinRepository { SQLSuggestionPinRepository(db: db) }
    var candidateViews: any CandidateViewRepository { SQLCandidateViewRepository(db: db) }
    var attachments: any AttachmentRepository { SQLAttachmentRepository(db: db) }
    var channels: any ChannelRepository { SQLChannelRepository(db: db) }
    var messages: any MessageRepository { SQLMessageRepository(db: db) }
    var messageSearch: any MessageSearchRepository { SQLMessageSearch(db: db) }
    var webhooks: any WebhookRepository { SQLWebhookRepository(db: db) }
    var imports: any ImportRepository { SQLImportRepository(db: db) }
    var idempotency: any IdempotencyRepository { SQLIdempotencyRepository(db: db) }
    var mailOutbox: any MailOutboxRepository { SQLMailOutboxRepository(db: db) }
    var notifications: any NotificationRepository { SQLNotificationRepository(db: db) }
    var bulletins: any BulletinRepository { SQLBulletinRepository(db: db) }
    var digests: any DigestRepository { SQLDigestRepository(db: db) }
    var dashboard: any DashboardRepository { SQLDashboardRepository(db: db) }
    var events: any EventRepository { SQLEventRepository(db: db) }
}

extension SQLDatabase {
    /// Runs an INSERT … RETURNING id and gives the new id.
    func insertReturningID(_ sql: SQLQueryString) async throws -> Int64 {
        guard let row = try await raw(sql + " RETURNING id").first() else { throw StoreError.missingRow("inserted id") }
        return try row.int64("id")
    }

    func count(_ sql: SQLQueryString) async throws -> Int {
        guard let row = try await raw(sql).first() else { return 0 }
        return Int(try row.int64("n"))
    }

    /// Replaces the rows of a link table (owner → field) with the given field ids.
    func replaceFields(table: String, ownerColumn: String, ownerID: Int64, fieldIDs: [Int64]) async throws {
        try await raw("DELETE FROM \(ident: table) WHERE \(ident: ownerColumn) = \(bind: ownerID)").run()
        for fieldID in fieldIDs {
            try await raw("INSERT INTO \(ident: table) (\(ident: ownerColumn), field_id) VALUES (\(bind: ownerID), \(bind: fieldID))").run()
        }
    }

    /// The field ids of each owner among the given ones.
    func fieldsByOwner(table: String, ownerColumn: String, ownerIDs: [Int64]) async throws -> [Int64: [Int64]] {
        guard !ownerIDs.isEmpty else { return [:] }
        let rows = try await raw(
            "SELECT \(ident: ownerColumn) AS owner, field_id FROM \(ident: table) WHERE \(inList(ownerColumn, ownerIDs)) ORDER BY field_id"
        ).all()
        var result: [Int64: [Int64]] = [:]
        for row in rows {
            result[try row.int64("owner"), default: []].append(try row.int64("field_id"))
        }
        return result
    }
}

struct SQLFieldRepository: FieldRepository {
    let db: any SQLDatabase

    func all() async throws -> [Field] {
        try await db.raw("SELECT id, parent_id, key, name, name_en FROM fields ORDER BY id").all().map { row in
            Field(
                id: try row.int64("id"), parentID: try row.optionalInt64("parent_id"), key: try row.string("key"),
                name: try row.string("name"), nameEn: try row.string("name_en"))
        }
    }

    func insert(parentID: Int64?, key: String, name: String, nameEn: String) async throws -> Field {
        let id = try await db.insertReturningID(
            "INSERT INTO fields (parent_id, key, name, name_en) VALUES (\(bind: parentID), \(bind: key), \(bind: name), \(bind: nameEn))"
        )
        return Field(id: id, parentID: parentID, key: key, name: name, nameEn: nameEn)
    }
}

struct SQLAuditRepository: AuditRepository {
    let db: any SQLDatabase

    func append(actorID: Int64?, action: AuditAction, subjectType: String, subjectID: Int64?, detail: String, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, detail)
            VALUES (\(bind: at.epochMilliseconds), \(bind: actorID), \(bind: action.rawValue), \(bind: subjectType), \(bind: subjectID), \(bind: detail))
            """
        ).run()
    }

    func search(_ query: AuditQuery) async throws -> Page<AuditEntry> {
        var conditions: [SQLQueryString] = []
        if let actorID = query.actorID { conditions.append("actor_id = \(bind: actorID)") }
        if let action = query.action { conditions.append("action = \(bind: action.rawValue)") }
        if let since = query.since { conditions.append("at >= \(bind: since.epochMilliseconds)") }
        if let until = query.until { conditions.append("at < \(bind: until.epochMilliseconds)") }
        let filter = conditions.conjunction()
        let total = try await db.count("SELECT COUNT(*) AS n FROM audit_log WHERE " + filter)
        let rows = try await db.raw(
            "SELECT * FROM audit_log WHERE " + filter
                + " ORDER BY at DESC, id DESC LIMIT \(literal: query.page.size) OFFSET \(literal: query.page.offset)"
        ).all()
        let items = try rows.map { row in
            AuditEntry(
                id: try row.int64("id"), at: try row.date("at"), actorID: try row.optionalInt64("actor_id"),
                action: try row.enumValue("action", as: AuditAction.self), subjectType: try row.string("subject_type"),
                subjectID: try row.optionalInt64("subject_id"), detail: try row.string("detail")
            )
        }
        return Page(items: items, total: total, request: query.page)
    }

    func actors() async throws -> [Int64] {
        try await db.raw("SELECT DISTINCT actor_id FROM audit_log WHERE actor_id IS NOT NULL").all().map { try $0.int64("actor_id") }
    }
}
