import Foundation
import MusubiCore
import SQLKit

struct SQLGroupRepository: GroupRepository {
    let db: any SQLDatabase

    func insert(_ draft: GroupDraft, at: Date) async throws -> Group {
        let id = try await db.insertReturningID(
            """
            INSERT INTO study_groups (kind, name, description, parent_id, host_organization_id, created_at)
            VALUES (\(bind: draft.kind.rawValue), \(bind: draft.name), \(bind: draft.description), \(bind: draft.parentID),
                    \(bind: draft.hostOrganizationID), \(bind: at.epochMilliseconds))
            """)
        try await db.replaceFields(table: "group_fields", ownerColumn: "group_id", ownerID: id, fieldIDs: draft.fieldIDs)
        return Group(
            id: id, kind: draft.kind, name: draft.name, description: draft.description, parentID: draft.parentID,
            hostOrganizationID: draft.hostOrganizationID, fieldIDs: draft.fieldIDs, createdAt: at)
    }

    func update(id: Int64, with draft: GroupDraft) async throws {
        try await db.raw(
            """
            UPDATE study_groups SET kind = \(bind: draft.kind.rawValue), name = \(bind: draft.name), description = \(bind: draft.description),
              parent_id = \(bind: draft.parentID), host_organization_id = \(bind: draft.hostOrganizationID)
            WHERE id = \(bind: id)
            """
        ).run()
        try await db.replaceFields(table: "group_fields", ownerColumn: "group_id", ownerID: id, fieldIDs: draft.fieldIDs)
    }

    func find(id: Int64) async throws -> Group? {
        try await groups(where: "id = \(bind: id)").first
    }

    func all() async throws -> [Group] {
        try await groups(where: "1 = 1")
    }

    func memberCounts() async throws -> [Int64: Int] {
        var result: [Int64: Int] = [:]
        let rows = try await db.raw(
            """
            SELECT g.group_id, COUNT(*) AS n FROM group_members g JOIN members m ON m.id = g.member_id
            WHERE m.status = 'active' GROUP BY g.group_id
            """
        ).all()
        for row in rows {
            result[try row.int64("group_id")] = Int(try row.int64("n"))
        }
        return result
    }

    func members(of groupID: Int64) async throws -> [(member: MemberSummary, role: GroupRole)] {
        let rows = try await db.raw(
            """
            SELECT g.member_id, g.role FROM group_members g JOIN members m ON m.id = g.member_id
            WHERE g.group_id = \(bind: groupID) AND m.status = 'active'
            """
        ).all()
        var roles: [Int64: GroupRole] = [:]
        for row in rows {
            roles[try row.int64("member_id")] = try row.enumValue("role", as: GroupRole.self)
        }
        let members = try await SQLMemberRepository(db: db).summaries(
            where: "m.status = 'active' AND m.id IN (SELECT member_id FROM group_members WHERE group_id = \(bind: groupID))",
            order: "m.name_kana, m.id", page: nil
        ).items
        let result = members.compactMap { member in roles[member.id].map { (member: member, role: $0) } }
        return result.sorted { ($0.role == .lead ? 0 : 1, $0.member.nameKana) < ($1.role == .lead ? 0 : 1, $1.member.nameKana) }
    }

    func groups(of memberID: Int64) async throws -> [Group] {
        try await groups(where: "id IN (SELECT group_id FROM group_members WHERE member_id = \(bind: memberID))")
    }

    func setMembership(_ membership: GroupMembership) async throws {
        try await db.raw(
            """
            INSERT INTO group_members (group_id, member_id, role) VALUES (\(bind: membership.groupID), \(bind: membership.memberID), \(bind: membership.role.rawValue))
            ON CONFLICT (group_id, member_id) DO UPDATE SET role = excluded.role
            """
        ).run()
    }

    func removeMember(_ memberID: Int64, from groupID: Int64) async throws -> Bool {
        try await !db.raw("DELETE FROM group_members WHERE group_id = \(bind: groupID) AND member_id = \(bind: memberID) RETURNING member_id")
            .all().isEmpty
    }

    func memberships() async throws -> [GroupMembership] {
        try await db.raw("SELECT group_id, member_id, role FROM group_members ORDER BY group_id, member_id").all().map { row in
            GroupMembership(
                groupID: try row.int64("group_id"), memberID: try row.int64("member_id"), role: try row.enumValue("role", as: GroupRole.self))
        }
    }

    private func groups(where filter: SQLQueryString) async throws -> [Group] {
        let rows = try await db.raw("SELECT * FROM study_groups WHERE " + filter + " ORDER BY id").all()
        let fields = try await db.fieldsByOwner(table: "group_fields", ownerColumn: "group_id", ownerIDs: try rows.map { try $0.int64("id") })
        return try rows.map { row in
            let id = try row.int64("id")
            return Group(
                id: id, kind: try row.enumValue("kind", as: GroupKind.self), name: try row.string("name"),
                description: try row.string("description"), parentID: try row.optionalInt64("parent_id"),
                hostOrganizationID: try row.optionalInt64("host_organization_id"), fieldIDs: fields[id] ?? [],
                createdAt: try row.date("created_at")
            )
        }
    }
}
