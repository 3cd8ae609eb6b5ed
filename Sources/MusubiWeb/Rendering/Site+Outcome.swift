import Foundation
import Hummingbird
import MusubiCore

extension Request {
    /// A page's script that sends a form with `fetch` and `Accept: application/json` asks for
    /// what happened instead of the next page; a problem then comes back as the API's JSON
    /// error (`ErrorMiddleware`). The same form sent by the browser gets pages.
    var asksForOutcome: Bool {
        headers[.accept]?.contains("application/json") == true
    }
}

/// What a form sent by a page's script gets instead of a redirect.
struct FormOutcome: Encodable {
    /// Where the change is seen, as the redirect would have gone.
    var location: String
    var notice: String?
    /// What the form made or changed (a message's id).
    var id: Int64?
    /// The page at `location` has something to tell the author (`MentionCheckBox`).
    var hasCheck = false
}

extension Site {
    /// The answer to a form that changed something: a redirect for the browser, the outcome
    /// in JSON for a page's script.
    func done(
        _ request: Request, _ context: MusubiRequestContext, redirect location: String, notice: String? = nil, id: Int64? = nil,
        hasCheck: Bool = false
    ) -> Response {
        guard request.asksForOutcome else { return redirect(location, notice: notice) }
        return JSON.response(FormOutcome(location: location, notice: notice.map { t("notice." + $0, context) }, id: id, hasCheck: hasCheck))
    }
}
