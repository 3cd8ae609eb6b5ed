import Foundation
import Hummingbird
import MusubiCore

/// The coordinators' matching tools: the funnel, and bulk matching of an uploaded batch of
/// needs against the community's seeds.
struct MatchingToolHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func funnel(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let period = try FunnelPeriod(query, site: site)
        let report = try await site.funnel.report(context.actor, period: period.interval)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let (total, byField, bySector) = rows(report, views)
        let current = FiscalYear(containing: site.now(), in: site.configuration.timeZone).startYear
        let model = FunnelPage(
            total: total, byField: byField, bySector: bySector,
            outcomes: OutcomeKind.allCases.map { .init(name: site.t("outcome." + $0.rawValue, context), count: report.outcomes[$0] ?? 0) },
            years: [Option(value: "", label: site.t("funnel.all_time", context), selected: period.fiscalYear == nil)]
                + (2019...max(current, 2019)).reversed().map { year in
                    Option(
                        value: String(year), label: context.language == .ja ? FiscalYear(year).japaneseName : FiscalYear(year).englishName,
                        selected: period.fiscalYear == year)
                },
            from: query["from"], to: query["to"],
            csvHref: PathTemplate.link(
                Paths.funnelCSV.href(), query: FunnelPeriod.keys.compactMap { key in query.optional(key).map { URLQueryItem(name: key, value: $0) } })
        )
        return site.render(model, title: site.t("funnel.title", context), request, context)
    }

    /// The funnel's counts, as `funnel.<column>` in the catalogs, in the page's order.
    static let funnelColumns = ["seeds", "needs", "candidate_views", "requested", "approved", "accepted", "with_outcome", "cross_field"]
    /// A bulk matching's CSV columns, as `bulk_csv.<column>`.
    static let bulkColumns = ["need_id", "need", "rank", "seed_id", "seed", "score", "reasons"]

    /// The funnel as the page shows it (for the same period), as CSV for Excel.
    func funnelCSV(_ request: Request, _ context: Context) async throws -> Response {
        let period = try FunnelPeriod(try FormData.query(of: request), site: site)
        let report = try await site.funnel.report(context.actor, period: period.interval)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let (total, byField, bySector) = rows(report, views)
        func line(_ part: String, _ row: FunnelPage.StageRow, named: Bool = true) -> [String] {
            [part, named ? row.name : ""]
                + [row.seeds, row.needs, row.candidateViews, row.requested, row.approved, row.accepted, row.withOutcome, row.crossField].map(
                    String.init)
        }
        let headers =
            [site.t("funnel.section", context), ""]
            + Self.funnelColumns.map { site.t("funnel." + $0, context) }
        let lines =
            [line(site.t("funnel.total", context), total, named: false)] + byField.map { line(site.t("funnel.by_field", context), $0) }
            + bySector.map { line(site.t("funnel.by_sector", context), $0) }
        return ExcelCSV.response([headers] + lines, filename: site.t("funnel.csv_filename", context) + ".csv")
    }

    private func rows(_ report: MatchingFunnel.Report, _ views: Views) -> (
        total: FunnelPage.StageRow, byField: [FunnelPage.StageRow], bySector: [FunnelPage.StageRow]
    ) {
        func row(_ stage: MatchingFunnel.Stage, name: String) -> FunnelPage.StageRow {
            FunnelPage.StageRow(
                name: name, seeds: stage.seeds, needs: stage.needs, candidateViews: stage.candidateViews, requested: stage.requested,
                approved: stage.approved, accepted: stage.accepted, withOutcome: stage.withOutcome, crossField: stage.crossField
            )
        }
        let context = views.context
        return (
            row(report.total, name: site.t("funnel.total", context)),
            report.byField.map { stage in
                let field = stage.key.flatMap { views.tree.field(key: $0) }
                return row(stage, name: field.map { context.language == .ja ? $0.name : $0.nameEn } ?? stage.key ?? "")
            },
            report.bySector.map { row($0, name: views.sector($0.key.flatMap(Sector.init(rawValue:)))) }
        )
    }

    func bulkForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .view, .matchingTools)
        return bulkPage(BulkMatchingPage(top: 5, errors: [:], problems: []), request, context)
    }

    /// Matches the uploaded (or pasted) needs; shows the results, or gives them as JSON
    /// `{"<need id>": [<listing id>, …]}` when asked to download.
    func bulkMatch(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .view, .matchingTools)
        let form = context.form
        let top = try form.int("top") ?? 5
        var model = BulkMatchingPage(top: top, errors: [:], problems: [])
        let data = try context.files["needs"]?.first?.contents() ?? Data(form["pasted"].utf8)
        do {
            guard !data.isEmpty else { throw MusubiError.invalid("needs", "error.bulk_empty") }
            let needs = try MatchDocumentFile.read(data, kind: .need)
            let results = try await site.matchmaking.bestSeeds(context.actor, for: needs, top: top)
            if form["format"] == "json" { return try json(results) }
            if form["format"] == "csv" { return try await csv(results, context) }
            let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
            model.results = results.map { .init(id: $0.need.id, title: $0.need.title, seeds: $0.seeds.map(views.row)) }
            return bulkPage(model, request, context)
        } catch let refused as MatchDocumentFile.Refused {
            model.problems = refused.problems.prefix(50).map(\.description)
        } catch let error as MusubiError where error.belongsOnTheForm {
            model.errors = site.problems(error, context)
        }
        return bulkPage(model, request, context, status: .unprocessableContent)
    }

    /// Each need's seeds, one line each (a need with none keeps a line of its own), for Excel.
    private func csv(_ results: [(need: MatchDocument, seeds: [Matchmaking.Candidate])], _ context: Context) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let headers = Self.bulkColumns.map { site.t("bulk_csv." + $0, context) }
        let lines = results.flatMap { result -> [[String]] in
            guard !result.seeds.isEmpty else { return [[result.need.id, result.need.title, "", "", "", "", ""]] }
            return result.seeds.enumerated().map { rank, seed in
                [
                    result.need.id, result.need.title, String(rank + 1), String(seed.listing.listing.id), seed.listing.listing.content.title,
                    String(views.percent(seed.score)), seed.reasons.map(views.sentence).joined(separator: " / "),
                ]
            }
        }
        return ExcelCSV.response([headers] + lines, filename: site.t("bulk_csv.filename", context) + ".csv")
    }

    private func json(_ results: [(need: MatchDocument, seeds: [Matchmaking.Candidate])]) throws -> Response {
        var object: [String: [Int64]] = [:]
        for result in results { object[result.need.id] = result.seeds.map(\.listing.listing.id) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .contentDisposition: "attachment; filename=\"matches.json\""],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(object)))
        )
    }

    private func bulkPage(_ model: BulkMatchingPage, _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok) -> Response {
        site.render(model, title: site.t("bulk.title", context), request, context, status: status)
    }
}
