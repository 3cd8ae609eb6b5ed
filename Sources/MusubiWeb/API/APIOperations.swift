import Hummingbird
import MusubiCore

/// One operation of the JSON API. The same list registers the routes and writes the OpenAPI
/// document, so the document describes exactly the operations the server has.
struct APIOperation: Sendable {
    enum Access: String, Sendable { case anyone, signedIn, coordinator, admin }

    var method: HTTPRequest.Method
    var path: PathTemplate
    var id: String
    var summary: String
    var access: Access
    var query: [QueryParameter] = []
    var requestSchema: String?
    /// Also takes the request as `multipart/form-data`, with `files`.
    var acceptsFiles = false
    /// Also takes the request as `text/csv` (bulk matching's needs file).
    var acceptsCSV = false
    var responseSchema: String?
    /// Answers with a file's bytes rather than JSON.
    var returnsFile = false
    var status: Int = 200
    var handler: @Sendable (Request, MusubiRequestContext) async throws -> Response

    /// Whether a retry with the same `Idempotency-Key` header is given the first answer
    /// instead of doing the work again: every operation that creates or changes something
    /// for a signed-in caller with POST.
    var takesIdempotencyKey: Bool { method == .post && access != .anyone }

    /// The media types a body may be sent as, as the document declares them: none for an
    /// operation that reads no body.
    var bodyTypes: [String] {
        guard requestSchema != nil else { return [] }
        return ["application/json"] + (acceptsFiles ? ["multipart/form-data"] : []) + (acceptsCSV ? ["text/csv"] : [])
    }

    /// The handler as routed: an operation for signed-in callers answers a visitor 401
    /// before it reads anything, as the document says; the policy decides the rest. A query
    /// parameter the document does not allow is a 400 (`QueryParameter.check`). A body
    /// of a type the operation does not declare is a 415. A POST with an `Idempotency-Key`
    /// is done once per key (`IdempotentResponder`).
    func routedHandler(_ idempotent: IdempotentResponder) -> @Sendable (Request, MusubiRequestContext) async throws -> Response {
        let (signedIn, takesKey, types, query) = (access != .anyone, takesIdempotencyKey, bodyTypes, query)
        return { [handler] request, context in
            if signedIn, context.actor == .anonymous { throw MusubiError.unauthenticated }
            if !query.isEmpty {
                let values = try FormData.query(of: request)
                for parameter in query { try parameter.check(values) }
            }
            if !types.isEmpty, !types.contains(Self.mediaType(of: request)) {
                throw HTTPError(.unsupportedMediaType, message: "Send the body as \(types.joined(separator: " or ")).")
            }
            if takesKey, let key = request.headers[IdempotentResponder.header] {
                return try await idempotent.respond(key: key, request, context, bodyUpTo: UploadLimits.files, handler)
            }
            return try await handler(request, context)
        }
    }

    /// The request's `Content-Type` without its parameters, in lower case ("" when absent).
    static func mediaType(of request: Request) -> String {
        let header = request.headers[.contentType] ?? ""
        return header.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

extension APIHandlers {
    var operations: [APIOperation] {
        let directoryQuery: [QueryParameter] = [.q, .sector, .field, .text("prefecture"), .text("municipality")] + QueryParameter.paging
        return [
            .init(
                method: .get, path: .init("/api/v1/me"), id: "getMe", summary: "The signed-in member's own profile", access: .signedIn,
                responseSchema: "Member", handler: me),
            .init(
                method: .patch, path: .init("/api/v1/me"), id: "updateMe", summary: "Update one's own profile", access: .signedIn,
                requestSchema: "ProfileInput", responseSchema: "Member", handler: updateMe),
            .init(
                method: .get, path: .init("/api/v1/members"), id: "listMembers", summary: "Search the directory of people", access: .signedIn,
                query: directoryQuery, responseSchema: "MemberPage", handler: members),
            .init(
                method: .get, path: .init("/api/v1/members/{id}"), id: "getMember", summary: "One member's profile", access: .signedIn,
                responseSchema: "Member", handler: member),
            .init(
                method: .post, path: .init("/api/v1/members/{id}/approve"), id: "approveApplication", summary: "Approve a pending application",
                access: .coordinator, status: 204, handler: approve),
            .init(
                method: .post, path: .init("/api/v1/members/{id}/reject"), id: "rejectApplication", summary: "Reject a pending application",
                access: .coordinator, status: 204, handler: reject),
            .init(
                method: .put, path: .init("/api/v1/members/{id}/role"), id: "changeRole", summary: "Change a member's role", access: .coordinator,
                requestSchema: "RoleInput", status: 204, handler: changeRole),
            .init(
                method: .post, path: .init("/api/v1/members/{id}/deactivate"), id: "deactivateMember",
                summary: "Deactivate a member and end their sessions", access: .coordinator, status: 204, handler: deactivate),
            .init(
                method: .post, path: .init("/api/v1/members/{id}/reactivate"), id: "reactivateMember", summary: "Reactivate a member",
                access: .coordinator, status: 204, handler: reactivate),
            .init(
                method: .post, path: .init("/api/v1/members/{id}/sign-in-link"), id: "issueSignInLink",
                summary: "A one-time link with which an existing member sets a password and signs in", access: .coordinator,
                responseSchema: "Invitation", status: 201, handler: issueSignInLink),
            .init(
                method: .get, path: .init("/api/v1/applications"), id: "listApplications", summary: "Applications waiting for approval",
                access: .coordinator, query: QueryParameter.paging, responseSchema: "MemberPage", handler: applications),
            .init(
                method: .post, path: .init("/api/v1/invitations"), id: "createInvitation", summary: "Invite someone by a one-time link",
                access: .coordinator, requestSchema: "InvitationInput", responseSchema: "Invitation", status: 201, handler: invite),
            .init(
                method: .get, path: .init("/api/v1/organizations"), id: "listOrganizations", summary: "Search the directory of organisations",
                access: .anyone, query: directoryQuery, responseSchema: "OrganizationPage", handler: organizations),
            .init(
                method: .post, path: .init("/api/v1/organizations"), id: "createOrganization", summary: "Add an organisation", access: .coordinator,
                requestSchema: "OrganizationInput", responseSchema: "Organization", status: 201, handler: createOrganization),
            .init(
                method: .get, path: .init("/api/v1/organizations/{id}"), id: "getOrganization", summary: "One organisation", access: .anyone,
                responseSchema: "Organization", handler: organization),
            .init(
                method: .patch, path: .init("/api/v1/organizations/{id}"), id: "updateOrganization", summary: "Edit an organisation",
                access: .coordinator, requestSchema: "OrganizationInput", responseSchema: "Organization", handler: updateOrganization),
            .init(
                method: .get, path: .init("/api/v1/fields"), id: "listFields", summary: "The field tree", access: .anyone,
                responseSchema: "FieldList", handler: fields),
            .init(
                method: .get, path: .init("/api/v1/groups"), id: "listGroups", summary: "Study groups and their sub-groups", access: .signedIn,
                responseSchema: "GroupList", handler: groups),
            .init(
                method: .post, path: .init("/api/v1/groups"), id: "createGroup", summary: "Create a group", access: .coordinator,
                requestSchema: "GroupInput", responseSchema: "Group", status: 201, handler: createGroup),
            .init(
                method: .get, path: .init("/api/v1/groups/{id}"), id: "getGroup", summary: "One group with its members", access: .signedIn,
                responseSchema: "Group", handler: group),
            .init(
                method: .patch, path: .init("/api/v1/groups/{id}"), id: "updateGroup", summary: "Edit a group", access: .coordinator,
                requestSchema: "GroupInput", responseSchema: "Group", handler: updateGroup),
            .init(
                method: .post, path: .init("/api/v1/groups/{id}/members"), id: "addGroupMember",
                summary: "Add a member to a group or change their role in it", access: .coordinator, requestSchema: "MembershipInput",
                responseSchema: "Group", handler: addGroupMember),
            .init(
                method: .delete, path: .init("/api/v1/groups/{id}/members/{memberId}"), id: "removeGroupMember",
                summary: "Remove a member from a group", access: .coordinator, status: 204, handler: removeGroupMember),
            .init(
                method: .get, path: .init("/api/v1/audit"), id: "listAuditEntries", summary: "The audit log", access: .admin,
                query: [.integer("actorId"), .choice("action", AuditAction.self), .dateTime("since"), .dateTime("until")] + QueryParameter.paging,
                responseSchema: "AuditPage", handler: audit),
            .init(
                method: .get, path: .init("/api/v1/tokens"), id: "listTokens", summary: "One's personal API tokens", access: .signedIn,
                responseSchema: "TokenList", handler: tokens),
            .init(
                method: .post, path: .init("/api/v1/tokens"), id: "createToken", summary: "Create a personal API token (its secret is shown once)",
                access: .signedIn, requestSchema: "TokenInput", responseSchema: "Token", status: 201, handler: createToken),
            .init(
                method: .delete, path: .init("/api/v1/tokens/{id}"), id: "revokeToken", summary: "Revoke one of one's tokens", access: .signedIn,
                status: 204, handler: revokeToken),
        ] + listingOperations + matchingOperations + introductionOperations + exchangeOperations + notificationOperations
            + bulletinOperations + digestOperations
    }
}
