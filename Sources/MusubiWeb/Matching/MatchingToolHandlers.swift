import Foundation
import Hummingbird
import MusubiCore

/// The coordinators' matching tools: the funnel, and bulk matching of an uploaded batch of
/// needs against the community's seeds.
struct MatchingToolHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func funnel(_ request: Request, _ context: Context) async throws -> Response {
        let report = try await site.funnel.report(context.actor)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        func row(_ stage: MatchingFunnel.Stage, name: String) -> FunnelPage.StageRow {
            FunnelPage.StageRow(
                name: name, seeds: stage.seeds, needs: stage.needs, candidateViews: stage.candidateViews, requested: stage.requested,
                approved: stage.approved, accepted: stage.accepted, withOutcome: stage.withOutcome, crossField: stage.crossField
            )
        }
        let model = FunnelPage(
            total: row(report.total, name: site.t("funnel.total", context)),
            byField: report.byField.map { stage in
                let field = stage.key.flatMap { views.tree.field(key: $0) }
                return row(stage, name: field.map { context.language == .ja ? $0.name : $0.nameEn } ?? stage.key ?? "")
            },
            bySector: report.bySector.map { row($0, name: views.sector($0.key.flatMap(Sector.init(rawValue:)))) },
            outcomes: OutcomeKind.allCases.map { .init(name: site.t("outcome." + $0.rawValue, context), count: report.outcomes[$0] ?? 0) }
        )
        return site.render(model, title: site.t("funnel.title", context), request, context)
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
