import Foundation

/// A Japanese fiscal year (年度): April to March, named by the year it begins in and, in
/// Japanese, by the era of that year as reports name it (令和元年度 is April 2019 to March
/// 2020, although April 2019 was still Heisei 31).
public struct FiscalYear: Sendable, Hashable, Comparable {
    /// The Gregorian year it begins in.
    public var startYear: Int

    public init(_ startYear: Int) { self.startYear = startYear }

    /// The fiscal year a moment falls in, where the community is.
    public init(containing date: Date, in timeZone: TimeZone) {
        let day = Self.calendar(timeZone).dateComponents([.year, .month], from: date)
        startYear = (day.year ?? 2000) - ((day.month ?? 4) < 4 ? 1 : 0)
    }

    public static func < (a: FiscalYear, b: FiscalYear) -> Bool { a.startYear < b.startYear }

    /// Its twelve months, April first, each from its first day's midnight to the next's.
    public func months(in timeZone: TimeZone) -> [DateInterval] {
        let calendar = Self.calendar(timeZone)
        let starts = (0...12).map { offset in
            calendar.date(from: DateComponents(year: startYear + (3 + offset) / 12, month: (3 + offset) % 12 + 1, day: 1))!
        }
        return (0..<12).map { DateInterval(start: starts[$0], end: starts[$0 + 1]) }
    }

    public func interval(in timeZone: TimeZone) -> DateInterval {
        let months = months(in: timeZone)
        return DateInterval(start: months[0].start, end: months[11].end)
    }

    /// `令和8年度`.
    public var japaneseName: String { JapaneseEra.name(ofYear: startYear) + "年度" }
    /// `FY2026`.
    public var englishName: String { "FY\(startYear)" }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}

/// The eras reports write years in, by the Gregorian year each began (a year is named by
/// the era that began in it: 2019 is 令和元年).
public enum JapaneseEra {
    static let eras: [(name: String, abbreviation: String, firstYear: Int)] = [
        ("令和", "R", 2019), ("平成", "H", 1989), ("昭和", "S", 1926),
    ]

    /// `令和8`, `令和元`, `平成30`.
    public static func name(ofYear year: Int) -> String {
        guard let era = eras.first(where: { $0.firstYear <= year }) else { return String(year) }
        let number = year - era.firstYear + 1
        return era.name + (number == 1 ? "元" : String(number))
    }

    /// `R8`, `R元`, `H30`: as seeds write a year beside a month (R元.6).
    public static func abbreviation(ofYear year: Int) -> String {
        guard let era = eras.first(where: { $0.firstYear <= year }) else { return String(year) }
        let number = year - era.firstYear + 1
        return era.abbreviation + (number == 1 ? "元" : String(number))
    }
}
