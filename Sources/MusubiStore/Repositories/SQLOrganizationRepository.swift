import Foundation
import MusubiCore
import SQLKit

struct SQLOrganizationRepository: OrganizationRepository {
    let db: any SQLDatabase

    func insert(_ draft: OrganizationDraft, at: Date) async throws -> Organization {
        let id = try await db.insertReturningID(
            """
            INSERT INTO organizations (name, name_kana, sector, prefecture_code, municipality, municipality_norm, website, summary, search_text, created_at)
            VALUES (\(bind: draft.name), \(bind: draft.nameKana), \(bind: draft.sector.rawValue), \(bind: draft.prefectureCode),
                    \(bind: draft.municipality), \(bind: JapaneseText.normalize(draft.municipality)), \(bind: draft.website),
                    \(bind: draft.summary), \(bind: Self.searchText(draft)), \(bind: at.epochMilliseconds))
            """)
        try await db.replaceFields(table: "organization_fields", ownerColumn: "organization_id", ownerID: id, fieldIDs: draft.fieldIDs)
        return Organization(
            id: id, name: draft.name, nameKana: draft.nameKana, sector: draft.sector, prefectureCode: draft.prefectureCode,
            municipality: draft.municipality, website: draft.website, summary: draft.summary, fieldIDs: draft.fieldIDs, createdAt: at
        )
    }

    func update(id: Int64, with draft: OrganizationDraft) async throws {
        try await db.raw(
            """
            UPDATE organizations SET name = \(bind: draft.name), name_kana = \(bind: draft.nameKana), sector = \(bind: draft.sector.rawValue),
              prefecture_code = \(bind: draft.prefectureCode), municipality = \(bind: draft.municipality),
              municipality_norm = \(bind: JapaneseText.normalize(draft.municipality)), website = \(bind: draft.website),
              summary = \(bind: draft.summary), search_text = \(bind: Self.searchText(draft))
            WHERE id = \(bind: id)
            """
        ).run()
        try await db.replaceFields(table: "organization_fields", ownerColumn: "organization_id", ownerID: id, fieldIDs: draft.fieldIDs)
        // Members are found by their organisation's name too.
        for member in try await SQLMemberRepository(db: db).inOrganization(id) {
            try await SQLMemberRepository(db: db).refreshSearchText(id: member.id)
        }
    }

    func find(id: Int64) async throws -> Organization? {
        guard let row = try await db.raw("SELECT * FROM organizations WHERE id = \(bind: id)").first() else { return nil }
        let fields = try await db.fieldsByOwner(table: "organization_fields", ownerColumn: "organization_id", ownerIDs: [id])
        return try Self.organization(row, fieldIDs: fields[id] ?? [])
    }

    func search(_ query: DirectoryQuery) async throws -> Page<Organization> {
        var conditions: [SQLQueryString] = query.terms.map { "o.search_text LIKE \(bind: containsPattern($0)) ESCAPE '\\'" }
        if let sector = query.sector { conditions.append("o.sector = \(bind: sector.rawValue)") }
        if let prefecture = query.prefectureCode { conditions.append("o.prefecture_code = \(bind: prefecture)") }
        if let municipality = query.municipality { conditions.append("o.municipality_norm = \(bind: municipality)") }
        if !query.fieldIDs.isEmpty {
            conditions.append(
                "EXISTS (SELECT 1 FROM organization_fields f WHERE f.organization_id = o.id AND " + inList("f.field_id", query.fieldIDs) + ")")
        }
        let filter = conditions.conjunction()
        let total = try await db.count("SELECT COUNT(*) AS n FROM organizations o WHERE " + filter)
        let rows = try await db.raw(
            "SELECT o.* FROM organizations o WHERE " + filter
                + " ORDER BY o.name_kana, o.id LIMIT \(literal: query.page.size) OFFSET \(literal: query.page.offset)"
        ).all()
        return Page(items: try await organizations(rows), total: total, request: query.page)
    }

    func names() async throws -> [(id: Int64, name: String)] {
        try await db.raw("SELECT id, name FROM organizations ORDER BY name_kana, id").all().map { (try $0.int64("id"), try $0.string("name")) }
    }

    func names(of ids: [Int64]) async throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for row in try await db.raw("SELECT id, name FROM organizations WHERE " + inList("id", ids)).all() {
            names[try row.int64("id")] = try row.string("name")
        }
        return names
    }

    func countBySector() async throws -> [Sector: Int] {
        var result: [Sector: Int] = [:]
        for row in try await db.raw("SELECT sector, COUNT(*) AS n FROM organizations GROUP BY sector").all() {
            result[try row.enumValue("sector", as: Sector.self)] = Int(try row.int64("n"))
        }
        return result
    }

    func newest(limit: Int) async throws -> [Organization] {
        try await organizations(try await db.raw("SELECT * FROM organizations ORDER BY created_at DESC, id DESC LIMIT \(literal: limit)").all())
    }

    func all() async throws -> [Organization] {
        try await organizations(try await db.raw("SELECT * FROM organizations ORDER BY id").all())
    }

    private func organizations(_ rows: [any SQLRow]) async throws -> [Organization] {
        let ids = try rows.map { try $0.int64("id") }
        let fields = try await db.fieldsByOwner(table: "organization_fields", ownerColumn: "organization_id", ownerIDs: ids)
        return try rows.map { row in try Self.organization(row, fieldIDs: fields[try row.int64("id")] ?? []) }
    }

    static func organization(_ row: any SQLRow, fieldIDs: [Int64]) throws -> Organization {
        Organization(
            id: try row.int64("id"), name: try row.string("name"), nameKana: try row.string("name_kana"),
            sector: try row.enumValue("sector", as: Sector.self), prefectureCode: try row.string("prefecture_code"),
            municipality: try row.string("municipality"), website: try row.string("website"), summary: try row.string("summary"),
            fieldIDs: fieldIDs, createdAt: try row.date("created_at")
        )
    }

    static func searchText(_ draft: OrganizationDraft) -> String {
        JapaneseText.normalize([draft.name, draft.nameKana, draft.municipality, draft.summary].joined(separator: " "))
    }
}
