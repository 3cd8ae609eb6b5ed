import Foundation
import MusubiCore
import SQLKit

struct SQLMemberRepository: MemberRepository {
    let db: any SQLDatabase

    func insert(_ new: NewMember, at: Date) async throws -> Member {
        let taken = try await db.raw("SELECT id FROM members WHERE email = \(bind: new.email)").first()
        if taken != nil { throw MusubiError.conflict("error.email_taken") }
        let profile = new.draft.profile
        let id = try await db.insertReturningID(
            """
            INSERT INTO members (email, password_hash, role, status, name, name_kana, organization_id, title, keywords, offer, seeking, languages, search_text, created_at)
            VALUES (\(bind: new.email), \(bind: new.passwordHash), \(bind: new.role.rawValue), \(bind: new.status.rawValue),
                    \(bind: new.draft.name), \(bind: new.draft.nameKana), \(bind: new.organizationID), \(bind: profile.title),
                    \(bind: JSONList.encode(profile.keywords)), \(bind: profile.offer), \(bind: profile.seeking),
                    \(bind: JSONList.encode(profile.languages)), '', \(bind: at.epochMilliseconds))
            """)
        try await db.replaceFields(table: "member_fields", ownerColumn: "member_id", ownerID: id, fieldIDs: new.draft.fieldIDs)
        try await refreshSearchText(id: id)
        return Member(
            id: id, name: new.draft.name, nameKana: new.draft.nameKana, organizationID: new.organizationID, role: new.role,
            status: new.status, profile: profile, fieldIDs: new.draft.fieldIDs.sorted(), createdAt: at
        )
    }

    func find(id: Int64) async throws -> Member? {
        guard let row = try await db.raw("SELECT * FROM members WHERE id = \(bind: id)").first() else { return nil }
        let fields = try await db.fieldsByOwner(table: "member_fields", ownerColumn: "member_id", ownerIDs: [id])
        return try Self.member(row, fieldIDs: fields[id] ?? [])
    }

    func updateProfile(id: Int64, with draft: ProfileDraft) async throws {
        let profile = draft.profile
        try await db.raw(
            """
            UPDATE members SET name = \(bind: draft.name), name_kana = \(bind: draft.nameKana), title = \(bind: profile.title),
              keywords = \(bind: JSONList.encode(profile.keywords)), offer = \(bind: profile.offer), seeking = \(bind: profile.seeking),
              languages = \(bind: JSONList.encode(profile.languages))
            WHERE id = \(bind: id)
            """
        ).run()
        try await db.replaceFields(table: "member_fields", ownerColumn: "member_id", ownerID: id, fieldIDs: draft.fieldIDs)
        try await refreshSearchText(id: id)
    }

    func setRole(id: Int64, to role: Role) async throws {
        try await db.raw("UPDATE members SET role = \(bind: role.rawValue) WHERE id = \(bind: id)").run()
    }

    func setStatus(id: Int64, to status: AccountStatus) async throws {
        try await db.raw("UPDATE members SET status = \(bind: status.rawValue) WHERE id = \(bind: id)").run()
    }

    func search(_ query: DirectoryQuery) async throws -> Page<MemberSummary> {
        var conditions: [SQLQueryString] = ["m.status = 'active'"]
        conditions += query.terms.map { "m.search_text LIKE \(bind: containsPattern($0)) ESCAPE '\\'" }
        if let sector = query.sector { conditions.append("o.sector = \(bind: sector.rawValue)") }
        if let prefecture = query.prefectureCode { conditions.append("o.prefecture_code = \(bind: prefecture)") }
        if let municipality = query.municipality { conditions.append("o.municipality_norm = \(bind: municipality)") }
        if !query.fieldIDs.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM member_fields f WHERE f.member_id = m.id AND " + inList("f.field_id", query.fieldIDs) + ")")
        }
        let filtersByOrganization = query.sector != nil || query.prefectureCode != nil || query.municipality != nil
        return try await summaries(
            where: conditions.conjunction(), order: "m.name_kana, m.id", page: query.page, countJoinsOrganizations: filtersByOrganization)
    }

    func withStatus(_ status: AccountStatus, page: PageRequest) async throws -> Page<MemberSummary> {
        try await summaries(where: "m.status = \(bind: status.rawValue)", order: "m.created_at DESC, m.id DESC", page: page)
    }

    func count(withStatus status: AccountStatus) async throws -> Int {
        try await db.count("SELECT COUNT(*) AS n FROM members WHERE status = \(bind: status.rawValue)")
    }

    func applicationDetails(of ids: [Int64]) async throws -> [Int64: ApplicationDetails] {
        var result: [Int64: ApplicationDetails] = [:]
        for row in try await db.raw("SELECT id, email, seeking, applied_organization, created_at FROM members WHERE " + inList("id", ids)).all() {
            result[try row.int64("id")] = ApplicationDetails(
                email: try row.string("email"), message: try row.string("seeking"), organizationName: try row.string("applied_organization"),
                appliedAt: try row.date("created_at"))
        }
        return result
    }

    func setAppliedOrganization(id: Int64, name: String) async throws {
        try await db.raw("UPDATE members SET applied_organization = \(bind: name) WHERE id = \(bind: id)").run()
    }

    func inOrganization(_ organizationID: Int64) async throws -> [MemberSummary] {
        try await summaries(where: "m.status = 'active' AND m.organization_id = \(bind: organizationID)", order: "m.name_kana, m.id", page: nil).items
    }

    func newest(limit: Int) async throws -> [MemberSummary] {
        try await summaries(where: "m.status = 'active'", order: "m.created_at DESC, m.id DESC", page: PageRequest(size: limit)).items
    }

    func countBySector() async throws -> [Sector: Int] {
        var result: [Sector: Int] = [:]
        let rows = try await db.raw(
            """
            SELECT o.sector AS sector, COUNT(*) AS n FROM members m JOIN organizations o ON o.id = m.organization_id
            WHERE m.status = 'active' GROUP BY o.sector
            """
        ).all()
        for row in rows {
            result[try row.enumValue("sector", as: Sector.self)] = Int(try row.int64("n"))
        }
        return result
    }

    func countActive(inAnyField fieldIDs: [Int64]) async throws -> Int {
        try await db.count(
            "SELECT COUNT(*) AS n FROM members m WHERE m.status = 'active' AND EXISTS (SELECT 1 FROM member_fields f WHERE f.member_id = m.id AND "
                + inList("f.field_id", fieldIDs) + ")"
        )
    }

    func all() async throws -> [Member] {
        let rows = try await db.raw("SELECT * FROM members ORDER BY id").all()
        let fields = try await db.fieldsByOwner(table: "member_fields", ownerColumn: "member_id", ownerIDs: try rows.map { try $0.int64("id") })
        return try rows.map { try Self.member($0, fieldIDs: fields[try $0.int64("id")] ?? []) }
    }

    func emails() async throws -> [Int64: String] {
        var result: [Int64: String] = [:]
        for row in try await db.raw("SELECT id, email FROM members").all() {
            result[try row.int64("id")] = try row.string("email")
        }
        return result
    }

    func names(of ids: [Int64]) async throws -> [Int64: String] {
        var result: [Int64: String] = [:]
        for row in try await db.raw("SELECT id, name FROM members WHERE " + inList("id", ids)).all() {
            result[try row.int64("id")] = try row.string("name")
        }
        return result
    }

    func mentionNames(of ids: [Int64]?) async throws -> [MentionName] {
        let which: SQLQueryString = ids.map { inList("m.id", $0) } ?? "m.status = 'active'"
        return try await db.raw(
            "SELECT m.id, m.name, m.name_kana, COALESCE(o.name, '') AS organization FROM members m LEFT JOIN organizations o ON o.id = m.organization_id WHERE "
                + which + " ORDER BY m.id"
        ).all().map {
            MentionName(
                id: try $0.int64("id"), name: try $0.string("name"), kana: try $0.string("name_kana"), organization: try $0.string("organization"))
        }
    }

    /// Recomputes what the directory search finds this member by.
    func refreshSearchText(id: Int64) async throws {
        guard
            let row = try await db.raw(
                """
                SELECT m.name, m.name_kana, m.title, m.keywords, m.offer, m.seeking, COALESCE(o.name, '') AS organization_name
                FROM members m LEFT JOIN organizations o ON o.id = m.organization_id WHERE m.id = \(bind: id)
                """
            ).first()
        else { return }
        let parts =
            [try row.string("name"), try row.string("name_kana"), try row.string("organization_name"), try row.string("title")]
            + (try row.stringList("keywords")) + [try row.string("offer"), try row.string("seeking")]
        let text = JapaneseText.normalize(parts.joined(separator: " "))
        try await db.raw("UPDATE members SET search_text = \(bind: text) WHERE id = \(bind: id)").run()
    }

    /// Member rows with their organisation, in the given order; a nil page means all of them.
    /// Counting skips the join unless a condition is on the organisation: over thousands of
    /// members the join is most of the count's cost.
    func summaries(where filter: SQLQueryString, order: String, page: PageRequest?, countJoinsOrganizations: Bool = false) async throws -> Page<
        MemberSummary
    > {
        let from: SQLQueryString = " FROM members m LEFT JOIN organizations o ON o.id = m.organization_id WHERE "
        let countFrom: SQLQueryString = countJoinsOrganizations ? from : " FROM members m WHERE "
        let limit: SQLQueryString = page.map { " LIMIT \(literal: $0.size) OFFSET \(literal: $0.offset)" } ?? ""
        let total = page == nil ? 0 : try await db.count("SELECT COUNT(*) AS n " + countFrom + filter)
        let rows = try await db.raw(
            """
            SELECT m.id, m.name, m.name_kana, m.title, m.role, m.organization_id, m.keywords,
              COALESCE(o.name, '') AS organization_name, o.sector AS sector
            """ + from + filter + " ORDER BY \(unsafeRaw: order)" + limit
        ).all()
        let fields = try await db.fieldsByOwner(table: "member_fields", ownerColumn: "member_id", ownerIDs: try rows.map { try $0.int64("id") })
        let items = try rows.map { row in
            let id = try row.int64("id")
            return MemberSummary(
                id: id, name: try row.string("name"), nameKana: try row.string("name_kana"), title: try row.string("title"),
                role: try row.enumValue("role", as: Role.self), organizationID: try row.optionalInt64("organization_id"),
                organizationName: try row.string("organization_name"),
                sector: try row.decode(column: "sector", as: String?.self).flatMap(Sector.init(rawValue:)),
                keywords: try row.stringList("keywords"), fieldIDs: fields[id] ?? []
            )
        }
        return Page(items: items, total: page == nil ? items.count : total, request: page ?? PageRequest(size: max(1, items.count)))
    }

    static func member(_ row: any SQLRow, fieldIDs: [Int64]) throws -> Member {
        Member(
            id: try row.int64("id"), name: try row.string("name"), nameKana: try row.string("name_kana"),
            organizationID: try row.optionalInt64("organization_id"), role: try row.enumValue("role", as: Role.self),
            status: try row.enumValue("status", as: AccountStatus.self),
            profile: Profile(
                title: try row.string("title"), keywords: try row.stringList("keywords"), offer: try row.string("offer"),
                seeking: try row.string("seeking"), languages: try row.stringList("languages")
            ),
            fieldIDs: fieldIDs, createdAt: try row.date("created_at")
        )
    }
}
