import Foundation
import Hummingbird
import MusubiCore

/// The JSON API's handlers: parse → use case → DTO.
struct APIHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func me(_ request: Request, _ context: Context) async throws -> Response {
        guard let id = context.actor.memberID else { throw MusubiError.unauthenticated }
        return JSON.response(MemberDTO(try await site.directory.member(context.actor, id: id)))
    }

    func updateMe(_ request: Request, _ context: Context) async throws -> Response {
        guard let id = context.actor.memberID else { throw MusubiError.unauthenticated }
        let input = try await JSON.decode(ProfileInput.self, from: request)
        let draft = ProfileDraft(
            name: input.name, nameKana: input.nameKana ?? "",
            profile: Profile(
                title: input.title ?? "", keywords: input.keywords ?? [], offer: input.offer ?? "",
                seeking: input.seeking ?? "", languages: input.languages ?? ["ja"]),
            fieldIDs: input.fieldIds ?? []
        )
        _ = try await site.settings.updateProfile(context.actor, draft)
        return JSON.response(MemberDTO(try await site.directory.member(context.actor, id: id)))
    }

    func members(_ request: Request, _ context: Context) async throws -> Response {
        let filters = try Self.filters(request)
        return JSON.response(PageDTO(try await site.directory.members(context.actor, filters), MemberDTO.init))
    }

    func member(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(MemberDTO(try await site.directory.member(context.actor, id: try context.parameters.require("id", as: Int64.self))))
    }

    func organizations(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(PageDTO(try await site.directory.organizations(context.actor, try Self.filters(request)), OrganizationDTO.init))
    }

    func organization(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(
            OrganizationDTO(
                try await site.directory.organization(context.actor, id: try context.parameters.require("id", as: Int64.self)).organization))
    }

    func createOrganization(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(OrganizationInput.self, from: request)
        return JSON.response(OrganizationDTO(try await site.stewardship.createOrganization(context.actor, input.draft)), status: .created)
    }

    func updateOrganization(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let input = try await JSON.decode(OrganizationInput.self, from: request)
        try await site.stewardship.updateOrganization(context.actor, id: id, input.draft)
        return JSON.response(OrganizationDTO(try await site.directory.organization(context.actor, id: id).organization))
    }

    func fields(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(["items": try await site.directory.fieldTree().fields])
    }

    func groups(_ request: Request, _ context: Context) async throws -> Response {
        let summaries = try await site.directory.groups(context.actor)
        let items = summaries.flatMap { summary in
            [GroupDTO(summary.group, memberCount: summary.memberCount)] + summary.subgroups.map { GroupDTO($0) }
        }
        return JSON.response(["items": items])
    }

    func group(_ request: Request, _ context: Context) async throws -> Response {
        let detail = try await site.directory.group(context.actor, id: try context.parameters.require("id", as: Int64.self))
        let members = detail.members.map { GroupDTO.Membership(memberId: $0.member.id, name: $0.member.name, role: $0.role) }
        return JSON.response(GroupDTO(detail.group, memberCount: members.count, members: members))
    }

    func createGroup(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(GroupInput.self, from: request)
        return JSON.response(GroupDTO(try await site.stewardship.createGroup(context.actor, input.draft)), status: .created)
    }

    func updateGroup(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let input = try await JSON.decode(GroupInput.self, from: request)
        try await site.stewardship.updateGroup(context.actor, id: id, input.draft)
        return try await group(request, context)
    }

    func addGroupMember(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let input = try await JSON.decode(MembershipInput.self, from: request)
        try await site.stewardship.setGroupMember(context.actor, groupID: id, memberID: input.memberId, role: input.role ?? .member)
        return try await group(request, context)
    }

    func removeGroupMember(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.stewardship.removeGroupMember(context.actor, groupID: id, memberID: try context.parameters.require("memberId", as: Int64.self))
        return Response(status: .noContent)
    }

    func applications(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let page = try await site.people.applications(context.actor, page: Self.pageRequest(query, size: 30))
        return JSON.response(PageDTO(page, MemberDTO.init))
    }

    func approve(_ request: Request, _ context: Context) async throws -> Response {
        try await onMember(context, site.people.approve)
    }

    func reject(_ request: Request, _ context: Context) async throws -> Response {
        try await onMember(context, site.people.reject)
    }

    func changeRole(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(RoleInput.self, from: request)
        try await site.people.changeRole(context.actor, memberID: try context.parameters.require("id", as: Int64.self), to: input.role)
        return Response(status: .noContent)
    }

    func deactivate(_ request: Request, _ context: Context) async throws -> Response {
        try await onMember(context, site.people.deactivate)
    }

    func reactivate(_ request: Request, _ context: Context) async throws -> Response {
        try await onMember(context, site.people.reactivate)
    }

    func invite(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(InvitationInput.self, from: request)
        return issuedResponse(try await site.people.invite(context.actor, email: input.email, role: input.role, organizationID: input.organizationId))
    }

    func issueSignInLink(_ request: Request, _ context: Context) async throws -> Response {
        let memberID = try context.parameters.require("id", as: Int64.self)
        return issuedResponse(try await site.people.issueSignInLink(context.actor, memberID: memberID))
    }

    /// The one time the link's secret is shown.
    private func issuedResponse(_ issued: PeopleAdministration.IssuedInvitation) -> Response {
        struct Issued: Encodable {
            var id: Int64
            var email: String
            var role: Role
            var memberId: Int64?
            var expiresAt: Date
            var url: String
        }
        return JSON.response(
            Issued(
                id: issued.invitation.id, email: issued.invitation.email, role: issued.invitation.role, memberId: issued.invitation.memberID,
                expiresAt: issued.invitation.expiresAt, url: site.configuration.publicBaseURL + Paths.invitation.href(issued.secret)
            ), status: .created)
    }

    func audit(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let page = try await site.people.auditLog(
            context.actor,
            AuditQuery(
                actorID: try query.int64("actorId"), action: AuditAction(rawValue: query["action"]),
                since: query.optional("since").flatMap(QueryParameter.dateTime), until: query.optional("until").flatMap(QueryParameter.dateTime),
                page: Self.pageRequest(query, size: 50)
            ))
        return JSON.response(PageDTO(page.entries) { $0 })
    }

    func tokens(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(["items": try await site.settings.tokens(context.actor).map { TokenDTO($0) }])
    }

    func createToken(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(TokenInput.self, from: request)
        let created = try await site.settings.createToken(context.actor, name: input.name)
        return JSON.response(TokenDTO(created.token, secret: created.secret), status: .created)
    }

    func revokeToken(_ request: Request, _ context: Context) async throws -> Response {
        try await site.settings.revokeToken(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return Response(status: .noContent)
    }

    /// Applies a people-administration step to the member in the path; 204 when done.
    private func onMember(_ context: Context, _ step: (Requester, Int64) async throws -> Void) async throws -> Response {
        try await step(context.actor, try context.parameters.require("id", as: Int64.self))
        return Response(status: .noContent)
    }

    static func filters(_ request: Request) throws -> Directory.Filters {
        let query = try FormData.query(of: request)
        var filters = try DirectoryHandlers.filters(query)
        filters.page = try pageRequest(query, size: 30)
        return filters
    }

    /// The page asked for with `page` and `pageSize` (`PageRequest` keeps both in range).
    static func pageRequest(_ query: FormData, size: Int) throws -> PageRequest {
        PageRequest(number: try query.int("page") ?? 1, size: try query.int("pageSize") ?? size)
    }
}
