import Foundation
import Hummingbird
import MusubiCore

extension ExchangeHandlers {
    /// `/exchange/search?q=…&order=newest&page=N`: a bad date or an overlong query gets the
    /// form back with a 422.
    func search(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let typed = String(query["q"].prefix(MessageQuery.limit * 2))
        let order = MessageSearchOrder(rawValue: query["order"]) ?? .relevance
        var model = ExchangeSearchPage(
            sidebar: try await sidebar(context, current: nil), q: typed, relevance: order == .relevance, searched: false, error: nil, count: nil,
            notices: [], rows: [],
            pager: Pager(total: 0, summary: "", previousHref: nil, nextHref: nil), rankedNote: nil
        )
        let results: Exchange.SearchResults
        do {
            results = try await site.exchange.search(
                context.actor, query: typed, order: order, page: try query.int("page") ?? 1, timeZone: site.configuration.timeZone)
        } catch let error as MusubiError where error.belongsOnTheForm {
            model.error = site.problems(error, context)["q"]
            return site.render(model, title: site.t("search.title", context), request, context, status: ErrorMiddleware.describe(error).0)
        }
        model.searched = !results.query.isEmpty
        model.count = model.searched ? count(results, context) : nil
        model.notices =
            results.unknownChannels.map { site.t("search.unknown_channel", context).replacingOccurrences(of: "{name}", with: $0) }
            + results.unknownPeople.map { site.t("search.unknown_person", context).replacingOccurrences(of: "{name}", with: $0) }
        model.rows = results.hits.map { hit in
            let message = hit.message
            return ExchangeSearchPage.Row(
                channel: hit.channelTitle, channelHref: Paths.channel.href(hit.channel.id),
                href: Paths.message.href(message.threadRootID ?? message.id) + "#m\(message.id)",
                author: message.authorID.flatMap { results.names[$0] } ?? message.authorName, byApp: message.isByApp,
                at: site.formatDate(message.createdAt, context, withTime: true), inThread: message.threadRootID != nil,
                segments: hit.segments, files: hit.files.map { .init(href: Paths.messageFile.href($0.file.id), segments: $0.segments) },
                testID: "result-\(message.id)"
            )
        }
        model.pager = pager(results, query: query, context)
        if order == .relevance && results.total > Exchange.searchLimits.ranked {
            model.rankedNote = String(format: site.t("search.ranked_note", context), Exchange.searchLimits.ranked)
        }
        return site.render(model, title: site.t("search.title", context), request, context)
    }

    private func count(_ results: Exchange.SearchResults, _ context: Context) -> String {
        results.totalIsCapped
            ? String(format: site.t("search.count_capped", context), results.total)
            : String(format: site.t("search.count", context), results.total)
    }

    private func pager(_ results: Exchange.SearchResults, query: FormData, _ context: Context) -> Pager {
        func href(_ number: Int) -> String {
            results.order == .newest
                ? Paths.exchangeSearch.href(query: ["q": query["q"], "order": "newest", "page": String(number)])
                : Paths.exchangeSearch.href(query: ["q": query["q"], "page": String(number)])
        }
        let number = results.page.number
        return Pager(
            total: results.total,
            summary: results.hits.isEmpty ? "" : String(format: site.t("search.page", context), number, results.pageCount),
            previousHref: number > 1 ? href(number - 1) : nil,
            nextHref: number < results.pageCount ? href(number + 1) : nil
        )
    }
}
