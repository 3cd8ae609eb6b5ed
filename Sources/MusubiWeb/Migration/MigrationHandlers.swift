import Foundation
import Hummingbird
import MusubiCore

/// The admin's Slack import: upload an export, then watch its progress page (it reloads
/// itself, no script needed) until the report or the summary.
struct MigrationHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func form(_ request: Request, _ context: Context) async throws -> Response {
        try site.slackImports.authorize(context.actor)
        return formPage(errors: [:], request, context)
    }

    func start(_ request: Request, _ context: Context) async throws -> Response {
        try site.slackImports.authorize(context.actor)
        do {
            guard let upload = context.files["export"]?.first, upload.size > 0 else {
                throw MusubiError.invalid("export", "error.slack_export_missing")
            }
            let id = try site.slackImports.start(upload, by: context.actor)
            return site.redirect(Paths.slackImportJob.href(id))
        } catch let error as MusubiError where error.belongsOnTheForm {
            return formPage(errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    func job(_ request: Request, _ context: Context) async throws -> Response {
        try site.slackImports.authorize(context.actor)
        guard let job = site.slackImports.job(try context.parameters.require("id")) else { throw MusubiError.notFound }
        let (phase, done, total): (String, Int, Int) =
            switch job.progress {
            case .checking(let done, let total): ("checking", done, total)
            case .writing(let done, let total): ("writing", done, total)
            case nil: ("checking", 0, 0)
            }
        let report = job.report
        let summary = report?.summary
        let model = SlackImportJobPage(
            filename: job.filename, running: job.isRunning, phase: site.t("slack_import.phase_" + phase, context), done: done, total: total,
            percent: total > 0 ? min(100, done * 100 / total) : 0,
            problems: (report?.problems ?? []).map { .init($0, text: site.t($0.key, context)) },
            moreProblems: (report?.moreProblems ?? 0) > 0 ? report?.moreProblems : nil,
            warnings: (report?.warnings ?? []).map { .init($0, text: site.t($0.key, context)) },
            moreWarnings: (report?.moreWarnings ?? 0) > 0 ? report?.moreWarnings : nil,
            summary: summary.map { s in
                [
                    ("people_created", s.peopleCreated), ("people_found", s.peopleFound), ("people_outside", s.peopleOutside),
                    ("channels_created", s.channelsCreated), ("channels_found", s.channelsFound), ("conversations_skipped", s.conversationsSkipped),
                    ("messages_imported", s.messagesImported), ("messages_already_there", s.messagesAlreadyThere),
                    ("messages_edited", s.messagesEdited), ("messages_skipped", s.messagesSkipped),
                    ("messages_shortened", s.messagesShortened), ("reactions", s.reactions),
                    ("files", s.files), ("file_links", s.fileLinks),
                ].map {
                    SlackImportJobPage.SummaryRow(label: site.t("slack_import.summary_" + $0.0, context), value: $0.1, testID: "summary-" + $0.0)
                }
            } ?? [],
            failed: job.failed, refused: report?.refused ?? false
        )
        var response = site.render(model, title: site.t("slack_import.title", context), request, context)
        // The page follows the import by reloading itself until it ends.
        if job.isRunning { response.headers[.init("Refresh")!] = "2" }
        return response
    }

    private func formPage(errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok) -> Response {
        site.render(
            SlackImportPage(errors: errors, limitMB: UploadLimits.export(context.actor) / 1024 / 1024), title: site.t("slack_import.title", context),
            request, context, status: status
        )
    }
}
