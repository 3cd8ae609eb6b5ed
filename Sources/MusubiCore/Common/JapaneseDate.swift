import Foundation

/// Dates as Japanese reports write them, in the era of the day itself (平成31年4月30日 is
/// followed by 令和元年5月1日): `平成23年11月15日(火)` for minutes, `R元.6` beside a count.
public enum JapaneseDate {
    /// Each era from its first day, newest first.
    static let eras: [(name: String, abbreviation: String, year: Int, month: Int, day: Int)] = [
        ("令和", "R", 2019, 5, 1), ("平成", "H", 1989, 1, 8), ("昭和", "S", 1926, 12, 25),
    ]

    static let weekdays = ["日", "月", "火", "水", "木", "金", "土"]

    /// The era and the year in it (1 for the first), for a day; nil before Shōwa.
    static func era(_ day: DateComponents) -> (name: String, abbreviation: String, number: Int)? {
        guard let year = day.year, let month = day.month, let date = day.day else { return nil }
        guard let era = eras.first(where: { ($0.year, $0.month, $0.day) <= (year, month, date) }) else { return nil }
        return (era.name, era.abbreviation, year - era.year + 1)
    }

    static func components(_ date: Date, _ timeZone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .weekday], from: date)
    }

    /// `平成23年11月15日(火)`, `令和元年5月1日(水)`; Gregorian before Shōwa.
    public static func long(_ date: Date, in timeZone: TimeZone, weekday: Bool = true) -> String {
        let day = components(date, timeZone)
        let suffix = weekday ? "(" + weekdays[(day.weekday ?? 1) - 1] + ")" : ""
        guard let era = era(day) else { return "\(day.year ?? 0)年\(day.month ?? 0)月\(day.day ?? 0)日" + suffix }
        return era.name + (era.number == 1 ? "元" : String(era.number)) + "年\(day.month ?? 0)月\(day.day ?? 0)日" + suffix
    }

    /// `R元.6`, `H31.4`: the era's letter, the year and the month.
    public static func monthAbbreviation(_ date: Date, in timeZone: TimeZone) -> String {
        let day = components(date, timeZone)
        guard let era = era(day) else { return "\(day.year ?? 0).\(day.month ?? 0)" }
        return era.abbreviation + (era.number == 1 ? "元" : String(era.number)) + ".\(day.month ?? 0)"
    }
}
