/// The community dashboard: a fiscal year's charts, each with its numbers as a table and
/// as a CSV for Excel; for the admin, the year's target and whether a summary is public.
struct DashboardPage: PageModel {
    var heading: String
    var period: String
    var years: [Option]
    var action: String
    var charts: [ChartView]
    /// The admin's settings; nil for other readers.
    var settings: Settings?
    /// The public summary (no settings, no CSV).
    var isPublicSummary: Bool

    struct ChartView {
        var key: String
        var title: String
        var svg: String
        var headers: [String]
        var rows: [Row]
        var csvHref: String?
    }

    struct Row {
        var cells: [String]
    }

    struct Settings {
        var action: String
        var target: String
        var isPublic: Bool
        var publicHref: String
    }
}
