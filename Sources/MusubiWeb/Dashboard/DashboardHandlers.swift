import Foundation
import Hummingbird
import MusubiCore

/// The community dashboard for coordinators, its charts as CSV, the admin's settings, and
/// the public summary when the admin allows one.
struct DashboardHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func show(_ request: Request, _ context: Context) async throws -> Response {
        let year = try fiscalYear(request)
        let report = try await site.dashboard.report(
            context.actor, fiscalYear: year, timeZone: site.configuration.timeZone, countsOpens: site.configuration.mailTracking)
        var settings: DashboardPage.Settings?
        if Policy.can(context.actor, .edit, .dashboard) {
            let current = try await site.dashboard.settings(context.actor, fiscalYear: year)
            settings = .init(
                action: Paths.dashboardSettings.href() + "?fy=\(year.startYear)", target: current.target.map(String.init) ?? "",
                isPublic: current.isPublic, publicHref: Paths.publicDashboard.href())
        }
        let model = page(report, context, path: Paths.dashboard.href(), settings: settings, csv: true)
        return site.render(model, title: model.heading, request, context)
    }

    /// The summary anyone may read, when the admin made it public; otherwise it is not there.
    func publicSummary(_ request: Request, _ context: Context) async throws -> Response {
        let year = try fiscalYear(request)
        guard let report = try await site.dashboard.publicSummary(fiscalYear: year, timeZone: site.configuration.timeZone) else {
            throw MusubiError.notFound
        }
        let model = page(report, context, path: Paths.publicDashboard.href(), settings: nil, csv: false)
        return site.render(model, title: model.heading, request, context)
    }

    /// One chart's numbers as CSV for Excel.
    func csv(_ request: Request, _ context: Context) async throws -> Response {
        let year = try fiscalYear(request)
        guard let kind = CommunityDashboard.ChartKind(rawValue: try context.parameters.require("chart")) else { throw MusubiError.notFound }
        let report = try await site.dashboard.report(
            context.actor, fiscalYear: year, timeZone: site.configuration.timeZone, countsOpens: site.configuration.mailTracking)
        guard let chart = report.chart(kind) else { throw MusubiError.notFound }
        let table = self.table(chart, report, context)
        let name = site.t("dashboard.chart." + kind.rawValue, context) + "_" + self.name(year, context) + ".csv"
        return ExcelCSV.response([table.headers] + table.rows, filename: name)
    }

    func saveSettings(_ request: Request, _ context: Context) async throws -> Response {
        let year = try fiscalYear(request)
        let typed = context.form.optional("target")?.trimmingCharacters(in: .whitespaces) ?? ""
        let digits = typed.replacingOccurrences(of: ",", with: "")
        guard typed.isEmpty || Int(digits) != nil else { throw MusubiError.invalid("target", "error.whole_number") }
        try await site.dashboard.setTarget(context.actor, fiscalYear: year, participants: typed.isEmpty ? nil : Int(digits))
        try await site.dashboard.setPublic(context.actor, context.form.optional("public") == "1")
        return site.redirect(Paths.dashboard.href() + "?fy=\(year.startYear)", notice: "dashboard_saved")
    }

    /// The year asked for (`?fy=2026`), or the current one.
    private func fiscalYear(_ request: Request) throws -> FiscalYear {
        try FormData.query(of: request).fiscalYear() ?? FiscalYear(containing: site.now(), in: site.configuration.timeZone)
    }

    private func name(_ year: FiscalYear, _ context: Context) -> String {
        context.language == .ja ? year.japaneseName : year.englishName
    }

    /// `4月` … `3月` on a chart (`MMM`: Apr … Mar), `2026年4月` (`2026-04`) in a table.
    private func monthLabels(_ report: CommunityDashboard.Report, _ context: Context, withYear: Bool) -> [String] {
        let formatter = DateFormatter()
        formatter.timeZone = site.configuration.timeZone
        formatter.locale = Locale(identifier: context.language == .ja ? "ja_JP" : "en_GB")
        formatter.dateFormat = context.language == .ja ? (withYear ? "yyyy年M月" : "M月") : (withYear ? "yyyy-MM" : "MMM")
        return report.months.map { formatter.string(from: $0.start) }
    }

    private func table(_ chart: CommunityDashboard.Chart, _ report: CommunityDashboard.Report, _ context: Context) -> (
        headers: [String], rows: [[String]]
    ) {
        let months = monthLabels(report, context, withYear: true)
        let headers =
            [site.t("dashboard.month", context)] + chart.series.map { site.t($0.key, context) }
            + (chart.target == nil ? [] : [site.t("dashboard.target", context)])
        let rows = report.months.indices.prefix(report.monthsBegun).map { index in
            [months[index]] + chart.series.map { String($0.values[index]) }
                + (chart.target.map { [String($0)] } ?? [])
        }
        return (headers, rows)
    }

    private func page(
        _ report: CommunityDashboard.Report, _ context: Context, path: String, settings: DashboardPage.Settings?, csv: Bool
    ) -> DashboardPage {
        let year = report.fiscalYear
        let months = monthLabels(report, context, withYear: false)
        let charts = report.charts.map { chart in
            let title = site.t("dashboard.chart." + chart.kind.rawValue, context)
            let table = self.table(chart, report, context)
            let svg = SVGChart(
                title: title, categories: months, series: chart.series.map { (site.t($0.key, context), $0.values) }, stacked: chart.stacked,
                target: chart.target.map { (site.t("dashboard.target", context), $0) }, drawn: report.monthsBegun
            ).svg
            return DashboardPage.ChartView(
                key: chart.kind.rawValue, title: title, svg: svg, headers: table.headers, rows: table.rows.map { .init(cells: $0) },
                csvHref: csv ? Paths.dashboardCSV.href(chart.kind.rawValue) + "?fy=\(year.startYear)" : nil)
        }
        let span = year.interval(in: site.configuration.timeZone)
        return DashboardPage(
            heading: site.t("dashboard.title", context) + " " + name(year, context),
            period: site.formatDate(span.start, context) + " – " + site.formatDate(span.end.addingTimeInterval(-1), context),
            years: report.years.map { Option(value: String($0.startYear), label: name($0, context), selected: $0 == year) },
            action: path, charts: charts, settings: settings, isPublicSummary: !csv)
    }
}
