import Foundation
import MusubiCore
import SQLKit

struct SQLBulletinRepository: BulletinRepository {
    let db: any SQLDatabase

    /// The reminder columns, by days before the deadline.
    static let reminderColumns: [Int: String] = [14: "reminded_14_at", 3: "reminded_3_at"]

    func insert(_ draft: BulletinDraft, publishAt: Date, authorID: Int64, at: Date) async throws -> Bulletin {
        let id = try await db.insertReturningID(
            """
            INSERT INTO bulletins (kind, title, body, visibility, target_sectors, target_field_ids, target_group_ids, publish_at, expires_at,
              pinned, \(Self.fundingColumns), author_id, created_at, updated_at)
            VALUES (\(bind: draft.kind.rawValue), \(bind: draft.title), \(bind: draft.body), \(bind: draft.visibility.rawValue),
              \(Self.targetValues(draft.targets)), \(bind: publishAt.epochMilliseconds), \(bind: draft.expiresAt?.epochMilliseconds),
              \(bind: draft.pinned ? 1 : 0), \(Self.fundingValues(draft.funding)), \(bind: authorID), \(bind: at.epochMilliseconds),
              \(bind: at.epochMilliseconds))
            """)
        try await db.replaceFields(table: "bulletin_fields", ownerColumn: "bulletin_id", ownerID: id, fieldIDs: draft.fieldIDs)
        guard let bulletin = try await find(id: id) else { throw StoreError.missingRow("bulletin \(id)") }
        return bulletin
    }

    func update(id: Int64, with draft: BulletinDraft, publishAt: Date, at: Date) async throws {
        let funding = draft.funding
        try await db.raw(
            """
            UPDATE bulletins SET kind = \(bind: draft.kind.rawValue), title = \(bind: draft.title), body = \(bind: draft.body),
              visibility = \(bind: draft.visibility.rawValue), target_sectors = \(bind: JSONList.encode(draft.targets.sectors.map(\.rawValue))),
              target_field_ids = \(bind: Self.idList(draft.targets.fieldIDs)), target_group_ids = \(bind: Self.idList(draft.targets.groupIDs)),
              publish_at = \(bind: publishAt.epochMilliseconds), expires_at = \(bind: draft.expiresAt?.epochMilliseconds),
              pinned = \(bind: draft.pinned ? 1 : 0), funder_organization_id = \(bind: funding?.funderOrganizationID),
              funder_name = \(bind: funding?.funderName ?? ""), programme = \(bind: funding?.programme ?? ""),
              amount_min = \(bind: funding?.amountMin), amount_max = \(bind: funding?.amountMax), eligibility = \(bind: funding?.eligibility ?? ""),
              eligible_sectors = \(bind: JSONList.encode(funding?.eligibleSectors.map(\.rawValue) ?? [])),
              opens_on = \(bind: funding?.opensOn?.epochMilliseconds), deadline = \(bind: funding?.deadline.epochMilliseconds),
              link = \(bind: funding?.link ?? ""), updated_at = \(bind: at.epochMilliseconds)
            WHERE id = \(bind: id)
            """
        ).run()
        try await db.replaceFields(table: "bulletin_fields", ownerColumn: "bulletin_id", ownerID: id, fieldIDs: draft.fieldIDs)
    }

    func find(id: Int64) async throws -> Bulletin? {
        try await bulletins("WHERE id = \(bind: id)").first
    }

    func unexpired(at now: Date) async throws -> [Bulletin] {
        try await bulletins("WHERE expires_at IS NULL OR expires_at > \(bind: now.epochMilliseconds)")
    }

    func all() async throws -> [Bulletin] {
        try await bulletins("")
    }

    func unannounced(at now: Date) async throws -> [Bulletin] {
        try await bulletins("WHERE announced_at IS NULL AND publish_at <= \(bind: now.epochMilliseconds)")
    }

    func markAnnounced(id: Int64, at: Date) async throws {
        try await db.raw("UPDATE bulletins SET announced_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: id)").run()
    }

    func setDiscussion(id: Int64, messageID: Int64) async throws {
        try await db.raw("UPDATE bulletins SET discussion_message_id = \(bind: messageID) WHERE id = \(bind: id)").run()
    }

    func insertFile(bulletinID: Int64, _ file: StoredFile, by: Int64?, at: Date) async throws -> BulletinFile {
        let id = try await db.insertReturningID(
            """
            INSERT INTO bulletin_files (bulletin_id, filename, kind, size, stored_name, uploaded_by, uploaded_at)
            VALUES (\(bind: bulletinID), \(bind: file.filename), \(bind: file.kind.rawValue), \(bind: Int64(file.size)), \(bind: file.storedName),
                    \(bind: by), \(bind: at.epochMilliseconds))
            """)
        return BulletinFile(id: id, bulletinID: bulletinID, file: file, uploadedAt: at)
    }

    func files(of bulletinID: Int64) async throws -> [BulletinFile] {
        try await db.raw("SELECT * FROM bulletin_files WHERE bulletin_id = \(bind: bulletinID) ORDER BY id").all().map(Self.file)
    }

    func deleteFile(id: Int64, bulletinID: Int64) async throws -> BulletinFile? {
        try await db.raw("DELETE FROM bulletin_files WHERE id = \(bind: id) AND bulletin_id = \(bind: bulletinID) RETURNING *").first().map(Self.file)
    }

    private static func file(_ row: any SQLRow) throws -> BulletinFile {
        BulletinFile(
            id: try row.int64("id"), bulletinID: try row.int64("bulletin_id"),
            file: StoredFile(
                filename: try row.string("filename"), kind: try row.enumValue("kind", as: FileKind.self), size: Int(try row.int64("size")),
                storedName: try row.string("stored_name")),
            uploadedAt: try row.date("uploaded_at"))
    }

    func remove(id: Int64) async throws {
        // The files' rows go with it; the files themselves, referred to by nothing, are swept.
        try await db.raw("DELETE FROM bulletin_files WHERE bulletin_id = \(bind: id)").run()
        try await db.raw("DELETE FROM saved_funding_calls WHERE bulletin_id = \(bind: id)").run()
        try await db.raw("DELETE FROM bulletin_fields WHERE bulletin_id = \(bind: id)").run()
        try await db.raw("DELETE FROM bulletins WHERE id = \(bind: id)").run()
    }

    func save(bulletinID: Int64, memberID: Int64, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO saved_funding_calls (member_id, bulletin_id, saved_at) VALUES (\(bind: memberID), \(bind: bulletinID), \(bind: at.epochMilliseconds))
            ON CONFLICT (member_id, bulletin_id) DO NOTHING
            """
        ).run()
    }

    func unsave(bulletinID: Int64, memberID: Int64) async throws {
        try await db.raw("DELETE FROM saved_funding_calls WHERE member_id = \(bind: memberID) AND bulletin_id = \(bind: bulletinID)").run()
    }

    func savedIDs(memberID: Int64) async throws -> Set<Int64> {
        Set(
            try await db.raw("SELECT bulletin_id FROM saved_funding_calls WHERE member_id = \(bind: memberID)").all().map {
                try $0.int64("bulletin_id")
            })
    }

    func allSaved() async throws -> [Int64: Set<Int64>] {
        try await db.raw("SELECT member_id, bulletin_id FROM saved_funding_calls").all().reduce(into: [:]) { saved, row in
            saved[try row.int64("member_id"), default: []].insert(try row.int64("bulletin_id"))
        }
    }

    func dueReminders(days: Int, deadlineBefore before: Date, after: Date) async throws -> [(bulletinID: Int64, memberID: Int64)] {
        guard let column = Self.reminderColumns[days] else { return [] }
        return try await db.raw(
            """
            SELECT s.bulletin_id, s.member_id FROM saved_funding_calls s JOIN bulletins b ON b.id = s.bulletin_id
            WHERE s.\(unsafeRaw: column) IS NULL AND b.deadline > \(bind: after.epochMilliseconds) AND b.deadline <= \(bind: before.epochMilliseconds)
            ORDER BY b.deadline, s.member_id
            """
        ).all().map { (try $0.int64("bulletin_id"), try $0.int64("member_id")) }
    }

    func markReminded(bulletinID: Int64, memberID: Int64, days: Int, at: Date) async throws {
        guard let column = Self.reminderColumns[days] else { return }
        try await db.raw(
            """
            UPDATE saved_funding_calls SET \(unsafeRaw: column) = \(bind: at.epochMilliseconds)
            WHERE bulletin_id = \(bind: bulletinID) AND member_id = \(bind: memberID) AND \(unsafeRaw: column) IS NULL
            """
        ).run()
    }

    func readers() async throws -> [BulletinReader] {
        try await readers(only: nil)
    }

    func reader(memberID: Int64) async throws -> BulletinReader? {
        try await readers(only: memberID).first
    }

    /// One member (active or not), or every active one. Their fields and groups come from
    /// one read of each link table, filtered to the one member when there is one.
    private func readers(only memberID: Int64?) async throws -> [BulletinReader] {
        let members: SQLQueryString = memberID.map { "m.id = \(bind: $0)" } ?? "m.status = 'active'"
        let owner: SQLQueryString = memberID.map { " WHERE member_id = \(bind: $0)" } ?? ""
        let rows = try await db.raw(
            "SELECT m.id, m.role, o.sector FROM members m LEFT JOIN organizations o ON o.id = m.organization_id WHERE \(members) ORDER BY m.id"
        ).all()
        var fields: [Int64: [Int64]] = [:]
        for row in try await db.raw("SELECT member_id, field_id FROM member_fields\(owner)").all() {
            fields[try row.int64("member_id"), default: []].append(try row.int64("field_id"))
        }
        var groups: [Int64: [Int64]] = [:]
        for row in try await db.raw("SELECT member_id, group_id FROM group_members\(owner)").all() {
            groups[try row.int64("member_id"), default: []].append(try row.int64("group_id"))
        }
        return try rows.map { row in
            let id = try row.int64("id")
            return BulletinReader(
                memberID: id, role: try row.enumValue("role", as: Role.self), sector: try row.optionalEnumValue("sector", as: Sector.self),
                fieldIDs: fields[id] ?? [], groupIDs: groups[id] ?? [])
        }
    }

    // MARK: Rows

    private func bulletins(_ condition: SQLQueryString) async throws -> [Bulletin] {
        let rows = try await db.raw("SELECT * FROM bulletins \(condition) ORDER BY publish_at DESC, id DESC").all()
        let fields = try await db.fieldsByOwner(table: "bulletin_fields", ownerColumn: "bulletin_id", ownerIDs: try rows.map { try $0.int64("id") })
        return try rows.map { row in
            let id = try row.int64("id")
            let kind = try row.enumValue("kind", as: BulletinKind.self)
            var funding: FundingDetails?
            if kind == .fundingCall, let deadline = try row.optionalDate("deadline") {
                funding = FundingDetails(
                    funderOrganizationID: try row.optionalInt64("funder_organization_id"), funderName: try row.string("funder_name"),
                    programme: try row.string("programme"), amountMin: try row.optionalInt64("amount_min"),
                    amountMax: try row.optionalInt64("amount_max"),
                    eligibility: try row.string("eligibility"), eligibleSectors: try row.enumList("eligible_sectors", as: Sector.self),
                    opensOn: try row.optionalDate("opens_on"), deadline: deadline, link: try row.string("link"))
            }
            return Bulletin(
                id: id, kind: kind, title: try row.string("title"), body: try row.string("body"), fieldIDs: fields[id] ?? [],
                visibility: try row.enumValue("visibility", as: BulletinVisibility.self),
                targets: BulletinTargets(
                    sectors: try row.enumList("target_sectors", as: Sector.self), fieldIDs: try Self.ids(row, "target_field_ids"),
                    groupIDs: try Self.ids(row, "target_group_ids")),
                publishAt: try row.date("publish_at"), expiresAt: try row.optionalDate("expires_at"), pinned: try row.int64("pinned") != 0,
                funding: funding, authorID: try row.optionalInt64("author_id"), createdAt: try row.date("created_at"),
                updatedAt: try row.date("updated_at"), announcedAt: try row.optionalDate("announced_at"),
                discussionMessageID: try row.optionalInt64("discussion_message_id"))
        }
    }

    static let fundingColumns: SQLQueryString =
        "funder_organization_id, funder_name, programme, amount_min, amount_max, eligibility, eligible_sectors, opens_on, deadline, link"

    static func fundingValues(_ funding: FundingDetails?) -> SQLQueryString {
        """
        \(bind: funding?.funderOrganizationID), \(bind: funding?.funderName ?? ""), \(bind: funding?.programme ?? ""), \(bind: funding?.amountMin),
        \(bind: funding?.amountMax), \(bind: funding?.eligibility ?? ""), \(bind: JSONList.encode(funding?.eligibleSectors.map(\.rawValue) ?? [])),
        \(bind: funding?.opensOn?.epochMilliseconds), \(bind: funding?.deadline.epochMilliseconds), \(bind: funding?.link ?? "")
        """
    }

    static func targetValues(_ targets: BulletinTargets) -> SQLQueryString {
        "\(bind: JSONList.encode(targets.sectors.map(\.rawValue))), \(bind: idList(targets.fieldIDs)), \(bind: idList(targets.groupIDs))"
    }

    static func idList(_ ids: [Int64]) -> String { JSONList.encode(ids.map(String.init)) }

    static func ids(_ row: any SQLRow, _ column: String) throws -> [Int64] {
        try row.stringList(column).compactMap { Int64($0) }
    }
}
