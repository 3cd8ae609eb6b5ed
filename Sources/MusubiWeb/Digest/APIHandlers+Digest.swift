import Foundation
import Hummingbird
import MusubiCore

extension APIHandlers {
    func digest(_ request: Request, _ context: Context) async throws -> Response {
        let digest = try await site.digests.mine(context.actor)
        let notices = NoticeText(catalog: site.catalog, language: context.language)
        func entry(_ entry: WeeklyDigest.Entry) -> DigestDTO.Entry {
            DigestDTO.Entry(
                id: entry.bulletinID, kind: entry.kind, title: entry.title, excerpt: entry.excerpt, deadline: entry.deadline, funder: entry.funder,
                saved: entry.saved, path: Paths.bulletin.href(entry.bulletinID))
        }
        let suggestions = digest.suggestions.map { suggestion in
            let (type, id, path) =
                switch suggestion.subject {
                case .listing(let id): ("listing", id, Paths.listing.href(id))
                case .person(let id): ("person", id, Paths.member.href(id))
                }
            return DigestDTO.Suggested(
                type: type, id: id, title: suggestion.title, listingKind: suggestion.listingKind, organization: suggestion.organization,
                concepts: suggestion.concepts.map { context.language == .ja ? $0.ja : $0.en }, path: path)
        }
        let waiting = digest.waiting.map { waiting in
            DigestDTO.Waiting(
                step: waiting.notice.step, text: notices.headline(waiting.notice, actorName: waiting.actorName), excerpt: waiting.notice.excerpt,
                path: NoticeText.path(waiting.notice.target), createdAt: waiting.at)
        }
        return JSON.response(
            DigestDTO(
                since: digest.since, until: digest.until, bulletins: digest.bulletins.map(entry), fundingCalls: digest.fundingCalls.map(entry),
                suggestions: suggestions, waiting: waiting, waitingCount: digest.waitingCount))
    }
}
