import Foundation
import Hummingbird
import MusubiCore

/// Coordinators' forms for organisations and groups.
struct StewardshipHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func newOrganizationForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .organizations)
        let draft = OrganizationDraft(name: "", sector: .industry, prefectureCode: "")
        return try await organizationPage(draft, id: nil, errors: [:], request, context)
    }

    func createOrganization(_ request: Request, _ context: Context) async throws -> Response {
        let (draft, unreadable) = Self.organizationDraft(context.form)
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            let organization = try await site.stewardship.createOrganization(context.actor, draft)
            return site.redirect(Paths.organization.href(organization.id), notice: "saved")
        } catch let error as MusubiError {
            guard case .invalid = error else { throw error }
            return try await organizationPage(draft, id: nil, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    func editOrganizationForm(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try Policy.require(context.actor, .edit, .organization(id: id))
        let organization = try await site.directory.organization(context.actor, id: id).organization
        let draft = OrganizationDraft(
            name: organization.name, nameKana: organization.nameKana, sector: organization.sector, prefectureCode: organization.prefectureCode,
            municipality: organization.municipality, website: organization.website, summary: organization.summary, fieldIDs: organization.fieldIDs
        )
        return try await organizationPage(draft, id: id, errors: [:], request, context)
    }

    func updateOrganization(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let (draft, unreadable) = Self.organizationDraft(context.form)
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            try await site.stewardship.updateOrganization(context.actor, id: id, draft)
            return site.redirect(Paths.organization.href(id), notice: "saved")
        } catch let error as MusubiError {
            guard case .invalid = error else { throw error }
            return try await organizationPage(draft, id: id, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    private func organizationPage(
        _ draft: OrganizationDraft, id: Int64?, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = OrganizationFormPage(
            action: id.map { Paths.organization.href($0) } ?? Paths.organizations.href(), isNew: id == nil,
            values: [
                "name": draft.name, "nameKana": draft.nameKana, "municipality": draft.municipality, "website": draft.website,
                "summary": draft.summary,
            ],
            errors: errors, sectors: views.sectorOptions(selected: draft.sector, includeAll: false),
            prefectures: views.prefectureOptions(selected: draft.prefectureCode, includeAll: false),
            fields: views.fieldOptions(selected: Set(draft.fieldIDs), includeAll: false)
        )
        let title = site.t(id == nil ? "organization_form.new_title" : "organization_form.edit_title", context)
        return site.render(model, title: title, request, context, status: status)
    }

    /// The form as a draft, and what could not even be read (an unknown sector, a field id
    /// that is not a number), so the form comes back with every message at once.
    static func organizationDraft(_ form: FormData) -> (OrganizationDraft, [MusubiError.Problem]) {
        var problems: [MusubiError.Problem] = []
        let sector = Sector(rawValue: form["sector"])
        if sector == nil { problems.append(.init(field: "sector", key: "error.sector")) }
        let fieldIDs = FormIDs.parse(form.all("fields"), field: "fieldIDs", into: &problems)
        let draft = OrganizationDraft(
            name: form["name"], nameKana: form["nameKana"], sector: sector ?? .industry, prefectureCode: form["prefectureCode"],
            municipality: form["municipality"], website: form["website"], summary: form["summary"], fieldIDs: fieldIDs
        )
        return (draft, problems)
    }

    func newGroupForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .groups)
        return try await groupPage(GroupDraft(kind: .studyGroup, name: ""), id: nil, errors: [:], request, context)
    }

    func createGroup(_ request: Request, _ context: Context) async throws -> Response {
        let (draft, unreadable) = try Self.groupDraft(context.form)
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            let group = try await site.stewardship.createGroup(context.actor, draft)
            return site.redirect(Paths.group.href(group.id), notice: "saved")
        } catch let error as MusubiError {
            guard case .invalid = error else { throw error }
            return try await groupPage(draft, id: nil, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    func editGroupForm(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try Policy.require(context.actor, .edit, .group(id: id))
        let group = try await site.directory.group(context.actor, id: id).group
        let draft = GroupDraft(
            kind: group.kind, name: group.name, description: group.description, parentID: group.parentID,
            hostOrganizationID: group.hostOrganizationID, fieldIDs: group.fieldIDs)
        return try await groupPage(draft, id: id, errors: [:], request, context)
    }

    func updateGroup(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let (draft, unreadable) = try Self.groupDraft(context.form)
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            try await site.stewardship.updateGroup(context.actor, id: id, draft)
            return site.redirect(Paths.group.href(id), notice: "saved")
        } catch let error as MusubiError {
            guard case .invalid = error else { throw error }
            return try await groupPage(draft, id: id, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    func addGroupMember(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let memberID = try context.form.int64("memberID") else { throw MusubiError.invalid("memberID", "error.member_unknown") }
        let role = GroupRole(rawValue: context.form["role"]) ?? .member
        try await site.stewardship.setGroupMember(context.actor, groupID: id, memberID: memberID, role: role)
        return site.redirect(Paths.group.href(id), notice: "saved")
    }

    func removeGroupMember(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let memberID = try context.form.int64("memberID") else { throw MusubiError.invalid("memberID", "error.member_unknown") }
        try await site.stewardship.removeGroupMember(context.actor, groupID: id, memberID: memberID)
        return site.redirect(Paths.group.href(id), notice: "saved")
    }

    private func groupPage(
        _ draft: GroupDraft, id: Int64?, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let topLevel = try await site.directory.groups(context.actor).map(\.group).filter { $0.id != id }
        let model = GroupFormPage(
            action: id.map { Paths.group.href($0) } ?? Paths.groups.href(), isNew: id == nil,
            values: ["name": draft.name, "description": draft.description], errors: errors,
            kinds: GroupKind.allCases.map {
                Option(value: $0.rawValue, label: site.t("group_kind." + $0.rawValue, context), selected: $0 == draft.kind)
            },
            parents: [Option(value: "", label: site.t("group_form.no_parent", context), selected: draft.parentID == nil)]
                + topLevel.map { Option(value: String($0.id), label: $0.name, selected: $0.id == draft.parentID) },
            hosts: [Option(value: "", label: site.t("group_form.no_host", context), selected: draft.hostOrganizationID == nil)]
                + (try await site.directory.organizationNames()).map {
                    Option(value: String($0.id), label: $0.name, selected: $0.id == draft.hostOrganizationID)
                },
            fields: views.fieldOptions(selected: Set(draft.fieldIDs), includeAll: false)
        )
        let title = site.t(id == nil ? "group_form.new_title" : "group_form.edit_title", context)
        return site.render(model, title: title, request, context, status: status)
    }

    static func groupDraft(_ form: FormData) throws -> (GroupDraft, [MusubiError.Problem]) {
        var problems: [MusubiError.Problem] = []
        let kind = GroupKind(rawValue: form["kind"])
        if kind == nil { problems.append(.init(field: "kind", key: "error.group_kind")) }
        let fieldIDs = FormIDs.parse(form.all("fields"), field: "fieldIDs", into: &problems)
        let draft = GroupDraft(
            kind: kind ?? .studyGroup, name: form["name"], description: form["description"], parentID: try form.int64("parentID"),
            hostOrganizationID: try form.int64("hostOrganizationID"), fieldIDs: fieldIDs
        )
        return (draft, problems)
    }
}
