import Foundation
import MusubiCore

/// A Slack import's progress, then its report or its summary.
struct SlackImportJobPage: PageModel {
    var filename: String
    var running: Bool
    var phase: String
    var done: Int
    var total: Int
    var percent: Int
    var problems: [ProblemRow]
    var moreProblems: Int?
    /// What an import that went ahead did not bring over as the export has it.
    var warnings: [ProblemRow]
    var moreWarnings: Int?
    var summary: [SummaryRow]
    var failed: Bool
    var refused: Bool

    struct ProblemRow {
        var path: String
        var text: String
        /// Which user, timestamp or name; nil when the entry says it all.
        var detail: String?

        init(_ problem: SlackImport.Problem, text: String) {
            (path, self.text, detail) = (problem.path, text, problem.detail.isEmpty ? nil : problem.detail)
        }
    }
    struct SummaryRow {
        var label: String
        var value: Int
        var testID: String
    }
}
