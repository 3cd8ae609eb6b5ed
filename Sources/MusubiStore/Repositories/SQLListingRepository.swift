import Foundation
import MusubiCore
import SQLKit

struct SQLListingRepository: ListingRepository {
    let db: any SQLDatabase

    func insert(ownerID: Int64, organizationID: Int64?, sector: Sector?, draft: ListingDraft, at: Date) async throws -> Listing {
        let id = try await db.insertReturningID(
            """
            INSERT INTO listings (kind, owner_id, organization_id, sector, title, summary, details, keywords, partner_sectors, stage,
              prefecture_code, expires_on, disclosure, status, search_text, created_at, updated_at)
            VALUES (\(bind: draft.kind.rawValue), \(bind: ownerID), \(bind: organizationID), \(bind: sector?.rawValue), \(bind: draft.title),
              \(bind: draft.summary), \(bind: draft.details), \(bind: JSONList.encode(draft.keywords)),
              \(bind: JSONList.encode(draft.partnerSectors.map(\.rawValue))), \(bind: draft.stage.rawValue), \(bind: draft.prefectureCode),
              \(bind: draft.expiresOn?.epochMilliseconds), \(bind: draft.disclosure.rawValue), \(bind: ListingStatus.open.rawValue),
              \(bind: Self.searchText(draft)), \(bind: at.epochMilliseconds), \(bind: at.epochMilliseconds))
            """)
        try await replaceLinks(id, draft)
        return Listing(
            id: id, ownerID: ownerID, organizationID: organizationID, sector: sector, content: draft, status: .open, createdAt: at, updatedAt: at)
    }

    func update(id: Int64, with draft: ListingDraft, at: Date) async throws {
        try await db.raw(
            """
            UPDATE listings SET kind = \(bind: draft.kind.rawValue), title = \(bind: draft.title), summary = \(bind: draft.summary),
              details = \(bind: draft.details), keywords = \(bind: JSONList.encode(draft.keywords)),
              partner_sectors = \(bind: JSONList.encode(draft.partnerSectors.map(\.rawValue))), stage = \(bind: draft.stage.rawValue),
              prefecture_code = \(bind: draft.prefectureCode), expires_on = \(bind: draft.expiresOn?.epochMilliseconds),
              disclosure = \(bind: draft.disclosure.rawValue), search_text = \(bind: Self.searchText(draft)), updated_at = \(bind: at.epochMilliseconds)
            WHERE id = \(bind: id)
            """
        ).run()
        try await replaceLinks(id, draft)
    }

    func setStatus(id: Int64, to status: ListingStatus, at: Date) async throws {
        try await db.raw("UPDATE listings SET status = \(bind: status.rawValue), updated_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id)")
            .run()
    }

    func find(id: Int64) async throws -> Listing? {
        try await listings(try await db.raw("SELECT * FROM listings WHERE id = \(bind: id)").all()).first
    }

    func search(_ query: ListingQuery) async throws -> Page<Listing> {
        var conditions: [SQLQueryString] = query.terms.map { "l.search_text LIKE \(bind: containsPattern($0)) ESCAPE '\\'" }
        if let kind = query.kind { conditions.append("l.kind = \(bind: kind.rawValue)") }
        if let sector = query.sector { conditions.append("l.sector = \(bind: sector.rawValue)") }
        if let owner = query.ownerID { conditions.append("l.owner_id = \(bind: owner)") }
        if let organization = query.organizationID { conditions.append("l.organization_id = \(bind: organization)") }
        if let now = query.current { conditions.append("(l.expires_on IS NULL OR l.expires_on > \(bind: now.epochMilliseconds))") }
        if !query.statuses.isEmpty { conditions.append("l.status IN (\(binds: query.statuses.map(\.rawValue)))") }
        conditions.append(query.disclosures.isEmpty ? "1 = 0" : "l.disclosure IN (\(binds: query.disclosures.map(\.rawValue)))")
        if !query.fieldIDs.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM listing_fields f WHERE f.listing_id = l.id AND " + inList("f.field_id", query.fieldIDs) + ")")
        }
        let filter = conditions.conjunction()
        let total = try await db.count("SELECT COUNT(*) AS n FROM listings l WHERE " + filter)
        let rows = try await db.raw(
            "SELECT l.* FROM listings l WHERE " + filter
                + " ORDER BY l.updated_at DESC, l.id DESC LIMIT \(literal: query.page.size) OFFSET \(literal: query.page.offset)"
        ).all()
        return Page(items: try await listings(rows), total: total, request: query.page)
    }

    /// Every listing, reading the link tables whole: a list of ids would outgrow what a
    /// statement may bind.
    func all() async throws -> [Listing] {
        let rows = try await db.raw("SELECT * FROM listings ORDER BY id").all()
        let fields = try await links("SELECT listing_id AS owner, field_id AS linked FROM listing_fields ORDER BY field_id")
        let named = try await links("SELECT listing_id AS owner, organization_id AS linked FROM listing_organizations ORDER BY organization_id")
        return try rows.map { try Self.listing($0, fields: fields, named: named) }
    }

    private func links(_ sql: SQLQueryString) async throws -> [Int64: [Int64]] {
        var result: [Int64: [Int64]] = [:]
        for row in try await db.raw(sql).all() { result[try row.int64("owner"), default: []].append(try row.int64("linked")) }
        return result
    }

    private func replaceLinks(_ id: Int64, _ draft: ListingDraft) async throws {
        try await db.replaceFields(table: "listing_fields", ownerColumn: "listing_id", ownerID: id, fieldIDs: draft.fieldIDs)
        try await db.raw("DELETE FROM listing_organizations WHERE listing_id = \(bind: id)").run()
        for organization in draft.disclosure == .organizations ? draft.disclosedTo : [] {
            try await db.raw("INSERT INTO listing_organizations (listing_id, organization_id) VALUES (\(bind: id), \(bind: organization))").run()
        }
    }

    private func listings(_ rows: [any SQLRow]) async throws -> [Listing] {
        let ids = try rows.map { try $0.int64("id") }
        let fields = try await db.fieldsByOwner(table: "listing_fields", ownerColumn: "listing_id", ownerIDs: ids)
        let named =
            ids.isEmpty
            ? [:]
            : try await links(
                "SELECT listing_id AS owner, organization_id AS linked FROM listing_organizations WHERE " + inList("listing_id", ids)
                    + " ORDER BY organization_id"
            )
        return try rows.map { try Self.listing($0, fields: fields, named: named) }
    }

    private static func listing(_ row: any SQLRow, fields: [Int64: [Int64]], named: [Int64: [Int64]]) throws -> Listing {
        let id = try row.int64("id")
        let draft = ListingDraft(
            kind: try row.enumValue("kind", as: ListingKind.self), title: try row.string("title"), summary: try row.string("summary"),
            details: try row.string("details"), fieldIDs: fields[id] ?? [], keywords: try row.stringList("keywords"),
            partnerSectors: try row.enumList("partner_sectors", as: Sector.self),
            stage: try row.enumValue("stage", as: ListingStage.self), prefectureCode: try row.decode(column: "prefecture_code", as: String?.self),
            expiresOn: try row.optionalDate("expires_on"), disclosure: try row.enumValue("disclosure", as: Disclosure.self),
            disclosedTo: named[id] ?? []
        )
        return Listing(
            id: id, ownerID: try row.int64("owner_id"), organizationID: try row.optionalInt64("organization_id"),
            sector: try row.optionalEnumValue("sector", as: Sector.self),
            content: draft, status: try row.enumValue("status", as: ListingStatus.self), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }

    static func searchText(_ draft: ListingDraft) -> String {
        JapaneseText.normalize(([draft.title, draft.summary] + draft.keywords).joined(separator: " "))
    }
}
