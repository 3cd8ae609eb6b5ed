import Foundation
import MusubiCore

/// The period the funnel is counted for, from its page's query: a fiscal year (`fy=2026`),
/// any dates (`from=2026-04-01&to=2026-09-30`, each end optional and counted whole), or
/// all time.
struct FunnelPeriod {
    static let keys = ["fy", "from", "to"]

    var fiscalYear: Int?
    var interval: DateInterval?

    init(_ query: FormData, site: Site) throws {
        if let year = try query.fiscalYear() {
            fiscalYear = year.startYear
            interval = year.interval(in: site.configuration.timeZone)
            return
        }
        func day(_ key: String) throws -> Date? {
            guard let text = query.optional(key) else { return nil }
            guard let day = site.day(text) else { throw MalformedInput(field: key, key: "error.date") }
            return day
        }
        let from = try day("from")
        // The last day counts whole.
        let to = try day("to").map { $0.addingTimeInterval(86_400) }
        guard from != nil || to != nil else { return }
        let start = from ?? .distantPast
        let end = to ?? .distantFuture
        guard start < end else { throw MusubiError.invalid("to", "error.funnel_period") }
        interval = DateInterval(start: start, end: end)
    }
}
