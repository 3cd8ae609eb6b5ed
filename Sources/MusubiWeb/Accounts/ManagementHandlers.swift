import Foundation
import Hummingbird
import MusubiCore

/// Coordinators' and admins' pages: the approval queue, people, invitations, the audit log.
struct ManagementHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func people(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let status = AccountStatus(rawValue: query["status"]) ?? .pending
        let page = try await site.people.people(context.actor, status: status, page: PageRequest(number: try query.int("page") ?? 1, size: 50))
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let actor = context.actor
        let applications = status == .pending ? try await site.people.applicationDetails(actor, of: page.items.map(\.id)) : [:]
        let waiting = status == .pending ? page.total : try await site.people.waitingApplications(actor) ?? 0
        let model = PeoplePage(
            tabs: AccountStatus.allCases.map { tab in
                .init(
                    label: site.t("people.tab_" + tab.rawValue, context) + (tab == .pending && waiting > 0 ? " (\(waiting))" : ""),
                    href: Paths.people.href() + "?status=" + tab.rawValue,
                    current: tab == status, testID: "tab-" + tab.rawValue)
            },
            people: page.items.map { member in
                let target = Resource.member(id: member.id, role: member.role)
                return .init(
                    member: views.row(member),
                    approveHref: Paths.approval.href(member.id), rejectHref: Paths.rejection.href(member.id),
                    roleHref: Paths.roleChange.href(member.id), deactivateHref: Paths.deactivation.href(member.id),
                    reactivateHref: Paths.reactivation.href(member.id), signInLinkHref: Paths.signInLink.href(member.id),
                    roles: Role.allCases.filter { $0 == member.role || Policy.can(actor, .assignRole($0), target) }
                        .map { Option(value: $0.rawValue, label: site.t("role." + $0.rawValue, context), selected: $0 == member.role) },
                    canChangeRole: status == .active && Role.allCases.contains { $0 != member.role && Policy.can(actor, .assignRole($0), target) },
                    canDeactivate: status == .active && Policy.can(actor, .deactivate, target),
                    canReactivate: status == .deactivated && Policy.can(actor, .reactivate, target),
                    canIssueSignInLink: status == .active && Policy.can(actor, .issueSignInLink, target),
                    application: applications[member.id].map {
                        .init(
                            email: $0.email, organizationName: $0.organizationName.isEmpty ? nil : $0.organizationName, message: $0.message,
                            appliedAt: site.formatDate($0.appliedAt, context, withTime: true))
                    }
                )
            },
            pager: views.pager(page, path: Paths.people.href(), query: query, keys: ["status"]),
            isPending: status == .pending, isDeactivated: status == .deactivated
        )
        return site.render(model, title: site.t("people.title", context), request, context)
    }

    func approve(_ request: Request, _ context: Context) async throws -> Response {
        try await site.people.approve(context.actor, memberID: try context.parameters.require("id", as: Int64.self))
        return site.redirect(Paths.people.href(), notice: "approved")
    }

    func reject(_ request: Request, _ context: Context) async throws -> Response {
        try await site.people.reject(context.actor, memberID: try context.parameters.require("id", as: Int64.self))
        return site.redirect(Paths.people.href(), notice: "rejected")
    }

    func changeRole(_ request: Request, _ context: Context) async throws -> Response {
        guard let role = Role(rawValue: context.form["role"]) else { throw MusubiError.invalid("role", "error.role") }
        try await site.people.changeRole(context.actor, memberID: try context.parameters.require("id", as: Int64.self), to: role)
        return site.redirect(Paths.people.href() + "?status=active", notice: "role_changed")
    }

    func deactivate(_ request: Request, _ context: Context) async throws -> Response {
        try await site.people.deactivate(context.actor, memberID: try context.parameters.require("id", as: Int64.self))
        return site.redirect(Paths.people.href() + "?status=active", notice: "deactivated")
    }

    func reactivate(_ request: Request, _ context: Context) async throws -> Response {
        try await site.people.reactivate(context.actor, memberID: try context.parameters.require("id", as: Int64.self))
        return site.redirect(Paths.people.href() + "?status=deactivated", notice: "reactivated")
    }

    /// Shows the link once; only its digest is stored.
    func issueSignInLink(_ request: Request, _ context: Context) async throws -> Response {
        let memberID = try context.parameters.require("id", as: Int64.self)
        let issued = try await site.people.issueSignInLink(context.actor, memberID: memberID)
        let model = SignInLinkPage(
            lead: site.t("sign_in_link.lead", context).replacingOccurrences(of: "{email}", with: issued.invitation.email),
            link: site.configuration.publicBaseURL + Paths.invitation.href(issued.secret),
            expires: site.formatDate(issued.invitation.expiresAt, context, withTime: true),
            backHref: Paths.people.href() + "?status=active"
        )
        return site.render(model, title: site.t("sign_in_link.title", context), request, context, status: .created)
    }

    func invitationForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .invite(.member), .members)
        return try await invitationPage(FormData(), errors: [:], issued: nil, request, context)
    }

    func invite(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        guard let role = Role(rawValue: form["role"]) else {
            return try await invitationPage(
                form, errors: ["role": site.t("error.role", context)], issued: nil, request, context, status: .unprocessableContent)
        }
        do {
            let issued = try await site.people.invite(
                context.actor, email: form["email"], role: role, organizationID: try form.int64("organizationID"))
            return try await invitationPage(FormData(), errors: [:], issued: issued, request, context, status: .created)
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await invitationPage(
                form, errors: site.problems(error, context), issued: nil, request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    func resendInvitation(_ request: Request, _ context: Context) async throws -> Response {
        let issued = try await site.people.resendInvitation(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return try await invitationPage(FormData(), errors: [:], issued: issued, request, context)
    }

    func revokeInvitation(_ request: Request, _ context: Context) async throws -> Response {
        try await site.people.revokeInvitation(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return site.redirect(Paths.invitations.href(), notice: "invitation_revoked")
    }

    private func invitationPage(
        _ form: FormData, errors: [String: String], issued: PeopleAdministration.IssuedInvitation?, _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let role = Role(rawValue: form["role"]) ?? .member
        let organizationID = form["organizationID"]
        let query = try FormData.query(of: request)
        let open = try await site.people.openInvitations(context.actor, page: PageRequest(number: try query.int("page") ?? 1, size: 50))
        let views = Views(site: site, context: context, tree: FieldTree([]))
        let model = InvitationsPage(
            roles: Role.allCases.filter { Policy.can(context.actor, .invite($0), .members) }
                .map { Option(value: $0.rawValue, label: site.t("role." + $0.rawValue, context), selected: $0 == role) },
            organizations: try await site.directory.organizationNames().map {
                Option(value: String($0.id), label: $0.name, selected: String($0.id) == organizationID)
            },
            values: ["email": String(form["email"].prefix(254))], errors: errors,
            link: issued.map { site.configuration.publicBaseURL + Paths.invitation.href($0.secret) },
            expires: issued.map { site.formatDate($0.invitation.expiresAt, context, withTime: true) },
            mailedTo: issued?.invitation.email,
            open: open.items.map { invitation in
                .init(
                    email: invitation.email, role: site.t("role." + invitation.role.rawValue, context),
                    sent: site.formatDate(invitation.createdAt, context, withTime: true),
                    expires: site.formatDate(invitation.expiresAt, context, withTime: true),
                    resendHref: Paths.invitationResend.href(invitation.id), revokeHref: Paths.invitationRevocation.href(invitation.id))
            },
            pager: views.pager(open, path: Paths.invitations.href(), query: query, keys: [])
        )
        return site.render(model, title: site.t("invitations.title", context), request, context, status: status)
    }

    func audit(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let action = AuditAction(rawValue: query["action"])
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = site.configuration.timeZone
        let since = query.optional("since").flatMap(day.date(from:))
        let until = query.optional("until").flatMap(day.date(from:)).map { $0.addingTimeInterval(24 * 3600) }
        let log = try await site.people.auditLog(
            context.actor,
            AuditQuery(
                actorID: try query.int64("actor"), action: action, since: since, until: until,
                page: PageRequest(number: try query.int("page") ?? 1, size: 50)
            ))
        let views = Views(site: site, context: context, tree: FieldTree([]))
        let actorID = try query.int64("actor")
        let model = AuditPage(
            entries: log.entries.items.map { entry in
                let subject = AuditSubject(rawValue: entry.subjectType)
                return .init(
                    at: site.formatDate(entry.at, context, withTime: true),
                    actor: entry.actorID.map { log.names[$0] ?? "#\($0)" } ?? site.t("audit.system", context),
                    actorHref: entry.actorID.map { Paths.member.href($0) } ?? "",
                    action: site.t("audit_action." + entry.action.rawValue.replacingOccurrences(of: ".", with: "_"), context),
                    subject: (subject.map { site.t("audit_subject." + $0.rawValue, context) } ?? entry.subjectType)
                        + (entry.subjectID.map { id in entry.subjectType == "member" ? " " + (log.names[id] ?? "#\(id)") : " #\(id)" } ?? ""),
                    subjectHref: entry.subjectID.flatMap { subject?.path($0) } ?? "", detail: entry.detail)
            },
            actions: [Option(value: "", label: site.t("audit.all_actions", context), selected: action == nil)]
                + AuditAction.allCases.map {
                    Option(
                        value: $0.rawValue, label: site.t("audit_action." + $0.rawValue.replacingOccurrences(of: ".", with: "_"), context),
                        selected: $0 == action)
                },
            actors: [Option(value: "", label: site.t("audit.everyone", context), selected: actorID == nil)]
                + log.actors.map { Option(value: String($0.id), label: $0.name, selected: $0.id == actorID) },
            since: query["since"], until: query["until"],
            pager: views.pager(log.entries, path: Paths.audit.href(), query: query, keys: ["actor", "action", "since", "until"])
        )
        return site.render(model, title: site.t("audit.title", context), request, context)
    }
}
