import Foundation

/// Coordinators keep the directory in shape: organisations, groups and who is in them.
public struct Stewardship: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    public func createOrganization(_ actor: Requester, _ draft: OrganizationDraft) async throws -> Organization {
        try Policy.require(actor, .create, .organizations, hiding: false)
        let clean = try await validate(draft)
        let now = env.now()
        return try await env.persistence.write { repos in
            let organization = try await repos.organizations.insert(clean, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .organizationCreated, subjectType: "organization", subjectID: organization.id,
                detail: organization.name, at: now)
            return organization
        }
    }

    public func updateOrganization(_ actor: Requester, id: Int64, _ draft: OrganizationDraft) async throws {
        try Policy.require(actor, .edit, .organization(id: id), hiding: false)
        let clean = try await validate(draft)
        let now = env.now()
        try await env.persistence.write { repos in
            guard try await repos.organizations.find(id: id) != nil else { throw MusubiError.notFound }
            try await repos.organizations.update(id: id, with: clean)
            try await repos.audit.append(
                actorID: actor.memberID, action: .organizationUpdated, subjectType: "organization", subjectID: id, detail: clean.name, at: now)
        }
    }

    public func createGroup(_ actor: Requester, _ draft: GroupDraft) async throws -> Group {
        try Policy.require(actor, .create, .groups, hiding: false)
        let clean = try await validate(draft, id: nil)
        let now = env.now()
        return try await env.persistence.write { repos in
            try await checkReferences(clean, id: nil, repos)
            let group = try await repos.groups.insert(clean, at: now)
            try await GroupChannels.open(for: group, repos, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .groupCreated, subjectType: "group", subjectID: group.id, detail: group.name, at: now)
            return group
        }
    }

    public func updateGroup(_ actor: Requester, id: Int64, _ draft: GroupDraft) async throws {
        try Policy.require(actor, .edit, .group(id: id), hiding: false)
        let clean = try await validate(draft, id: id)
        let now = env.now()
        try await env.persistence.write { repos in
            guard try await repos.groups.find(id: id) != nil else { throw MusubiError.notFound }
            try await checkReferences(clean, id: id, repos)
            try await repos.groups.update(id: id, with: clean)
            try await repos.audit.append(
                actorID: actor.memberID, action: .groupUpdated, subjectType: "group", subjectID: id, detail: clean.name, at: now)
        }
    }

    public func setGroupMember(_ actor: Requester, groupID: Int64, memberID: Int64, role: GroupRole) async throws {
        try Policy.require(actor, .edit, .group(id: groupID), hiding: false)
        let now = env.now()
        try await env.persistence.write { repos in
            guard let group = try await repos.groups.find(id: groupID) else { throw MusubiError.notFound }
            guard let member = try await repos.members.find(id: memberID), member.status == .active else {
                throw MusubiError.invalid("memberID", "error.member_unknown")
            }
            try await repos.groups.setMembership(GroupMembership(groupID: groupID, memberID: memberID, role: role))
            try await GroupChannels.seat(memberID, inGroup: groupID, repos, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .groupMemberAdded, subjectType: "group", subjectID: groupID,
                detail: "\(member.name) → \(group.name) (\(role.rawValue))", at: now)
        }
    }

    public func removeGroupMember(_ actor: Requester, groupID: Int64, memberID: Int64) async throws {
        try Policy.require(actor, .edit, .group(id: groupID), hiding: false)
        let now = env.now()
        try await env.persistence.write { repos in
            guard let group = try await repos.groups.find(id: groupID) else { throw MusubiError.notFound }
            guard try await repos.groups.removeMember(memberID, from: groupID) else { throw MusubiError.notFound }
            try await GroupChannels.unseat(memberID, fromGroup: groupID, repos)
            try await repos.audit.append(
                actorID: actor.memberID, action: .groupMemberRemoved, subjectType: "group", subjectID: groupID, detail: "\(memberID) ← \(group.name)",
                at: now)
        }
    }

    /// The longest texts an organisation and a group take, in Unicode scalars.
    public static let organizationLimits = (name: 120, nameKana: 120, municipality: 60, summary: 2_000)
    public static let groupLimits = (name: 120, description: 4_000)

    private func validate(_ draft: OrganizationDraft) async throws -> OrganizationDraft {
        let tree = try await Directory(env).fieldTree()
        var check = Validator()
        let clean = OrganizationDraft(
            name: check.text("name", draft.name, required: true, limit: Self.organizationLimits.name),
            nameKana: check.text("nameKana", draft.nameKana, limit: Self.organizationLimits.nameKana),
            sector: draft.sector,
            prefectureCode: check.prefecture("prefectureCode", draft.prefectureCode),
            municipality: check.text("municipality", draft.municipality, limit: Self.organizationLimits.municipality),
            website: check.website("website", draft.website),
            summary: check.text("summary", draft.summary, limit: Self.organizationLimits.summary, multiline: true),
            fieldIDs: check.fieldIDs("fieldIDs", draft.fieldIDs, known: tree)
        )
        try check.check()
        return clean
    }

    private func validate(_ draft: GroupDraft, id: Int64?) async throws -> GroupDraft {
        let tree = try await Directory(env).fieldTree()
        var check = Validator()
        let clean = GroupDraft(
            kind: draft.kind,
            name: check.text("name", draft.name, required: true, limit: Self.groupLimits.name),
            description: check.text("description", draft.description, limit: Self.groupLimits.description, multiline: true),
            parentID: draft.parentID,
            hostOrganizationID: draft.hostOrganizationID,
            fieldIDs: check.fieldIDs("fieldIDs", draft.fieldIDs, known: tree)
        )
        if let parentID = draft.parentID, parentID == id { check.fail("parentID", "error.group_parent") }
        try check.check()
        return clean
    }

    /// A sub-group's parent must exist and be a top-level group: groups are two levels deep.
    private func checkReferences(_ draft: GroupDraft, id: Int64?, _ repos: any Repositories) async throws {
        try await requireOrganization(draft.hostOrganizationID, in: repos, field: "hostOrganizationID")
        guard let parentID = draft.parentID else { return }
        guard let parent = try await repos.groups.find(id: parentID), parent.parentID == nil else {
            throw MusubiError.invalid("parentID", "error.group_parent")
        }
        if let id, try await repos.groups.all().contains(where: { $0.parentID == id }) {
            throw MusubiError.invalid("parentID", "error.group_parent")
        }
    }
}
