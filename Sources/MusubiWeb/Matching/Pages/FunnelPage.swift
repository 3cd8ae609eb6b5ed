import Foundation

/// The matching funnel: from seeds and needs to outcomes, in all, by field and by sector.
struct FunnelPage: PageModel {
    var total: StageRow
    var byField: [StageRow]
    var bySector: [StageRow]
    var outcomes: [Outcome]
    /// The period's form: all time or a fiscal year, or any dates.
    var years: [Option]
    var from: String
    var to: String
    var csvHref: String

    struct Outcome {
        var name: String
        var count: Int
    }

    struct StageRow {
        var name: String
        var seeds: Int
        var needs: Int
        var candidateViews: Int
        var requested: Int
        var approved: Int
        var accepted: Int
        var withOutcome: Int
        var crossField: Int
    }
}
