import Foundation
import Hummingbird
import MusubiCore

/// Mix suggestions as pages: a member's weekly digest, and for coordinators the whole
/// community's, where they pin a suggestion for a member or take a pin off.
struct SuggestionHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    /// How many suggestions the weekly digest shows besides the pinned ones.
    static let digestSize = 8

    func digest(_ request: Request, _ context: Context) async throws -> Response {
        let scope = try FormData.query(of: request)["scope"]
        return try await suggestionsPage(showsCommunity: scope == "community", errors: [:], request, context)
    }

    func pin(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        do {
            guard let memberID = try form.int64("member"), let subjectID = try form.int64("subject") else {
                throw MusubiError.invalid("subject", "error.suggestion_subject")
            }
            let subject: MatchSubject
            switch form["kind"] {
            case "listing": subject = .listing(subjectID)
            case "person": subject = .person(subjectID)
            default: throw MusubiError.invalid("subject", "error.suggestion_subject")
            }
            _ = try await site.suggestions.pin(context.actor, memberID: memberID, subject: subject, note: form["note"])
            return site.redirect(Paths.suggestions.href() + "?scope=community", notice: "suggestion_pinned")
        } catch let error as MusubiError where error.belongsOnTheForm {
            let status: HTTPResponse.Status = if case .conflict = error { .conflict } else { .unprocessableContent }
            return try await suggestionsPage(showsCommunity: true, errors: site.problems(error, context), request, context, status: status)
        }
    }

    func unpin(_ request: Request, _ context: Context) async throws -> Response {
        try await site.suggestions.unpin(context.actor, pinID: try context.parameters.require("id", as: Int64.self))
        return site.redirect(Paths.suggestions.href() + "?scope=community", notice: "suggestion_unpinned")
    }

    private func suggestionsPage(
        showsCommunity: Bool, errors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let isCoordinator = Policy.can(context.actor, .view, .suggestions)
        var model = SuggestionsPage(
            week: week(context), suggestions: [], isCoordinator: isCoordinator, showsCommunity: showsCommunity && isCoordinator,
            mineHref: Paths.suggestions.href(), communityHref: Paths.suggestions.href() + "?scope=community", community: [], pinned: [],
            pinAction: Paths.suggestionPins.href(), errors: errors
        )
        if model.showsCommunity {
            func row(_ entry: Suggestions.ForMember) -> SuggestionsPage.CommunityRow {
                let (kind, id): (String, Int64) =
                    switch entry.suggestion.subject {
                    case .listing(let id): ("listing", id)
                    case .person(let id): ("person", id)
                    }
                return SuggestionsPage.CommunityRow(
                    memberName: entry.member.name, memberHref: Paths.member.href(entry.member.id), memberID: entry.member.id,
                    subjectKind: kind, subjectID: id, suggestion: views.row(entry.suggestion)
                )
            }
            model.community = try await site.suggestions.community(context.actor).map(row)
            model.pinned = try await site.suggestions.pinned(context.actor).map(row)
        } else {
            model.suggestions = try await site.suggestions.mine(context.actor, limit: Self.digestSize).map(views.row)
        }
        return site.render(model, title: site.t("suggestions.title", context), request, context, status: status)
    }

    /// This week, Monday to Sunday in the community's time zone, as the digest's heading.
    private func week(_ context: Context) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = site.configuration.timeZone
        guard let interval = calendar.dateInterval(of: .weekOfYear, for: site.now()) else { return "" }
        return site.formatDate(interval.start, context) + " – " + site.formatDate(interval.end.addingTimeInterval(-1), context)
    }
}
