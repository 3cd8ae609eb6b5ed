import Foundation
import Hummingbird
import MusubiCore

/// A person's own pages: their profile, their password and their API tokens.
struct ProfileHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func editForm(_ request: Request, _ context: Context) async throws -> Response {
        guard let id = context.actor.memberID else { throw MusubiError.unauthenticated }
        let member = try await site.directory.member(context.actor, id: id).member
        let values = [
            "name": member.name, "nameKana": member.nameKana, "title": member.profile.title,
            "keywords": member.profile.keywords.joined(separator: ", "), "offer": member.profile.offer, "seeking": member.profile.seeking,
        ]
        return try await profilePage(
            values: values, fieldIDs: Set(member.fieldIDs), languages: Set(member.profile.languages), errors: [:], request, context)
    }

    func update(_ request: Request, _ context: Context) async throws -> Response {
        guard let id = context.actor.memberID else { throw MusubiError.unauthenticated }
        let form = context.form
        var unreadable: [MusubiError.Problem] = []
        let draft = ProfileDraft(
            name: form["name"], nameKana: form["nameKana"],
            profile: Profile(
                title: form["title"], keywords: Validator.splitList(form["keywords"]), offer: form["offer"],
                seeking: form["seeking"], languages: form.all("languages")
            ),
            fieldIDs: FormIDs.parse(form.all("fields"), field: "fieldIDs", into: &unreadable)
        )
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            _ = try await site.settings.updateProfile(context.actor, draft)
            return site.redirect(Paths.member.href(id), notice: "saved")
        } catch let error as MusubiError {
            guard case .invalid = error else { throw error }
            let values = ["name", "nameKana", "title", "keywords", "offer", "seeking"].reduce(into: [String: String]()) {
                $0[$1] = String(form[$1].prefix(4000))
            }
            return try await profilePage(
                values: values, fieldIDs: Set(draft.fieldIDs), languages: Set(draft.profile.languages), errors: site.problems(error, context),
                request, context, status: .unprocessableContent)
        }
    }

    private func profilePage(
        values: [String: String], fieldIDs: Set<Int64>, languages: Set<String>, errors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = ProfileEditPage(
            values: values, errors: errors, fields: views.fieldOptions(selected: fieldIDs, includeAll: false),
            languages: Language.codes.map { Option(value: $0, label: site.t("language." + $0, context), selected: languages.contains($0)) }
        )
        return site.render(model, title: site.t("profile.edit_title", context), request, context, status: status)
    }

    func account(_ request: Request, _ context: Context) async throws -> Response {
        try await accountPage(newToken: nil, passwordErrors: [:], tokenErrors: [:], request, context)
    }

    func changePassword(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        do {
            let signedIn = try await site.accounts.changePassword(context.actor, current: form["currentPassword"], new: form["newPassword"])
            var response = site.redirect(Paths.account.href(), notice: "password_changed")
            response.setCookie(site.cookie(Cookies.session, signedIn.cookieSecret, maxAge: Int(signedIn.session.expiresAt.timeIntervalSinceNow)))
            return response
        } catch let error as MusubiError {
            guard case .invalid = error else { throw error }
            return try await accountPage(
                newToken: nil, passwordErrors: site.problems(error, context), tokenErrors: [:], request, context, status: .unprocessableContent)
        }
    }

    func createToken(_ request: Request, _ context: Context) async throws -> Response {
        do {
            let created = try await site.settings.createToken(context.actor, name: context.form["name"])
            return try await accountPage(newToken: created.secret, passwordErrors: [:], tokenErrors: [:], request, context, status: .created)
        } catch let error as MusubiError {
            guard case .invalid = error else { throw error }
            return try await accountPage(
                newToken: nil, passwordErrors: [:], tokenErrors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    func revokeToken(_ request: Request, _ context: Context) async throws -> Response {
        try await site.settings.revokeToken(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return site.redirect(Paths.account.href(), notice: "token_revoked")
    }

    private func accountPage(
        newToken: String?, passwordErrors: [String: String], tokenErrors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let tokens = try await site.settings.tokens(context.actor)
        let model = AccountPage(
            tokens: tokens.map { token in
                .init(
                    name: token.name, prefix: token.prefix, created: site.formatDate(token.createdAt, context),
                    lastUsed: token.lastUsedAt.map { site.formatDate($0, context, withTime: true) } ?? "—",
                    revoked: token.revokedAt != nil, revokeHref: Paths.tokenRevocation.href(token.id))
            },
            newToken: newToken, passwordErrors: passwordErrors, tokenErrors: tokenErrors
        )
        return site.render(model, title: site.t("account.title", context), request, context, status: status)
    }
}
