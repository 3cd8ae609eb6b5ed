import Foundation
import Hummingbird
import MusubiCore

/// Signing in and out, applying to join, accepting an invitation, a forgotten password,
/// choosing a language.
struct SessionHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func signInForm(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let model = SignInPage(
            email: "", next: LocalPath.orHome(query["next"]), error: nil, applyHref: Paths.apply.href(), resetHref: Paths.passwordReset.href())
        return site.render(model, title: site.t("signin.title", context), request, context)
    }

    func signIn(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        do {
            let signedIn = try await site.accounts.signIn(email: form["email"], password: form["password"], address: context.remoteAddress)
            var response = site.redirect(LocalPath.orHome(form["next"]))
            response.setCookie(site.cookie(Cookies.session, signedIn.cookieSecret, maxAge: Int(signedIn.session.expiresAt.timeIntervalSinceNow)))
            return response
        } catch let error as MusubiError {
            let status: HTTPResponse.Status
            let message: String
            switch error {
            case .rateLimited: (status, message) = (.tooManyRequests, site.t("error.rate_limited", context))
            case .invalid(let problems): (status, message) = (.unauthorized, site.t(problems.first?.key ?? "error.sign_in_failed", context))
            default: throw error
            }
            let model = SignInPage(
                email: String(form["email"].prefix(254)), next: LocalPath.orHome(form["next"]), error: message, applyHref: Paths.apply.href(),
                resetHref: Paths.passwordReset.href())
            var response = site.render(model, title: site.t("signin.title", context), request, context, status: status)
            if case .rateLimited(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    func signOut(_ request: Request, _ context: Context) async throws -> Response {
        if let secret = request.cookies[Cookies.session]?.value {
            try await site.accounts.signOut(cookieSecret: secret)
        }
        var response = site.redirect(Paths.home.href(), notice: "signed_out")
        response.setCookie(site.cookie(Cookies.session, "", maxAge: 0))
        return response
    }

    func applyForm(_ request: Request, _ context: Context) async throws -> Response {
        try await applyPage(FormData(), errors: [:], done: false, request, context)
    }

    func apply(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        do {
            try await site.accounts.apply(
                .init(
                    email: form["email"], password: form["password"], name: form["name"], nameKana: form["nameKana"],
                    organizationID: try form.int64("organizationID"), organizationName: form["organizationName"], title: form["title"],
                    message: form["message"]
                ))
            return try await applyPage(FormData(), errors: [:], done: true, request, context)
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await applyPage(
                form, errors: site.problems(error, context), done: false, request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    private func applyPage(
        _ form: FormData, errors: [String: String], done: Bool, _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let selected = form["organizationID"]
        let organizations = try await site.directory.organizationNames().map {
            Option(value: String($0.id), label: $0.name, selected: String($0.id) == selected)
        }
        let values = ["email", "name", "nameKana", "organizationName", "title", "message"].reduce(into: [String: String]()) {
            $0[$1] = String(form[$1].prefix(2000))
        }
        let model = ApplyPage(values: values, errors: errors, organizations: organizations, done: done)
        return site.render(model, title: site.t("apply.title", context), request, context, status: status)
    }

    func invitationForm(_ request: Request, _ context: Context) async throws -> Response {
        let token = try context.parameters.require("token")
        do {
            let invitation = try await site.accounts.invitation(secret: token)
            return invitationPage(invitation, token: token, form: FormData(), errors: [:], request, context)
        } catch MusubiError.conflict(let reason) {
            return linkGone(reason, request, context)
        }
    }

    func acceptInvitation(_ request: Request, _ context: Context) async throws -> Response {
        let token = try context.parameters.require("token")
        let invitation: Invitation
        do {
            invitation = try await site.accounts.invitation(secret: token)
        } catch MusubiError.conflict(let reason) {
            return linkGone(reason, request, context)
        }
        let form = context.form
        do {
            let signedIn = try await site.accounts.acceptInvitation(
                secret: token, name: form["name"], nameKana: form["nameKana"], password: form["password"])
            var response = site.redirect(Paths.editProfile.href(), notice: "welcome")
            response.setCookie(site.cookie(Cookies.session, signedIn.cookieSecret, maxAge: Int(signedIn.session.expiresAt.timeIntervalSinceNow)))
            return response
        } catch let error as MusubiError {
            guard case .invalid = error else { throw error }
            return invitationPage(
                invitation, token: token, form: form, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    private func invitationPage(
        _ invitation: Invitation, token: String, form: FormData, errors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let claims = invitation.claimsExistingAccount
        let model = InvitationPage(
            lead: site.t(claims ? "invitation.claim_lead" : "invitation.lead", context)
                .replacingOccurrences(of: "{email}", with: invitation.email)
                .replacingOccurrences(of: "{role}", with: site.t("role." + invitation.role.rawValue, context)),
            claimsExistingAccount: claims,
            action: Paths.invitation.href(token),
            values: ["name": String(form["name"].prefix(200)), "nameKana": String(form["nameKana"].prefix(200))], errors: errors
        )
        return site.render(model, title: site.t(claims ? "invitation.claim_title" : "invitation.title", context), request, context, status: status)
    }

    /// A link that was used, taken back or expired: 410 Gone, saying which, and the way to a
    /// new one.
    private func linkGone(_ reason: String, _ request: Request, _ context: Context) -> Response {
        let model = LinkGonePage(reason: site.t(reason, context), resetHref: Paths.passwordReset.href(), signInHref: Paths.signIn.href())
        return site.render(model, title: site.t("link_gone.title", context), request, context, status: .gone)
    }

    func passwordResetForm(_ request: Request, _ context: Context) async throws -> Response {
        site.render(PasswordResetPage(email: "", error: nil, sent: false), title: site.t("password_reset.title", context), request, context)
    }

    /// The same answer whether the address is registered or not.
    func requestPasswordReset(_ request: Request, _ context: Context) async throws -> Response {
        let email = context.form["email"]
        do {
            try await site.accounts.requestPasswordReset(email: email, address: context.remoteAddress)
            return site.render(PasswordResetPage(email: "", error: nil, sent: true), title: site.t("password_reset.title", context), request, context)
        } catch MusubiError.invalid(let problems) {
            let model = PasswordResetPage(email: String(email.prefix(254)), error: site.t(problems.first?.key ?? "error.email", context), sent: false)
            return site.render(model, title: site.t("password_reset.title", context), request, context, status: .unprocessableContent)
        }
    }

    /// Sets the language cookie and goes back to the page the person was on.
    func switchLanguage(_ request: Request, _ context: Context) async throws -> Response {
        guard let language = UILanguage(rawValue: try context.parameters.require("code")) else { throw MusubiError.notFound }
        var response = site.redirect(LocalPath.orHome(try FormData.query(of: request)["back"]))
        response.setCookie(site.cookie(Cookies.language, language.rawValue, maxAge: 365 * 24 * 3600))
        return response
    }
}
