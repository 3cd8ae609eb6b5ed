import Foundation

/// When the weekly digest goes out: a day of the week and a time in the installation's time
/// zone (by default Monday 08:00 in Asia/Tokyo).
public struct DigestSchedule: Sendable, Equatable {
    /// 1 is Sunday … 7 is Saturday, as `Calendar` counts.
    public var weekday: Int
    public var hour: Int
    public var minute: Int
    public var timeZone: TimeZone

    public init(weekday: Int = 2, hour: Int = 8, minute: Int = 0, timeZone: TimeZone = TimeZone(identifier: "Asia/Tokyo")!) {
        self.weekday = weekday
        self.hour = hour
        self.minute = minute
        self.timeZone = timeZone
    }

    static let dayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// Reads `monday 08:00` (a day's English name, or its first three letters, and a 24-hour
    /// time); nil for anything else.
    public init?(_ text: String, timeZone: TimeZone) {
        let parts = text.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2,
            let day = Self.dayNames.firstIndex(where: { $0 == parts[0] || ($0.hasPrefix(parts[0]) && parts[0].count == 3) })
        else { return nil }
        let time = parts[1].split(separator: ":")
        guard time.count == 2, time[1].count == 2, let hour = Int(time[0]), let minute = Int(time[1]), (0..<24).contains(hour),
            (0..<60).contains(minute)
        else { return nil }
        self.init(weekday: day + 1, hour: hour, minute: minute, timeZone: timeZone)
    }

    /// `monday 08:00`: the form the setting takes.
    public var description: String { Self.dayNames[weekday - 1] + " " + String(format: "%02d:%02d", hour, minute) }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The latest time the digest was due at or before `date`: the week it belongs to.
    public func latest(atOrBefore date: Date) -> Date {
        let components = DateComponents(hour: hour, minute: minute, weekday: weekday)
        // The next one strictly after `date`, a week back; or `date` itself when it is one.
        guard let next = calendar.nextDate(after: date, matching: components, matchingPolicy: .nextTime) else { return date }
        return min(calendar.date(byAdding: .day, value: -7, to: next) ?? next.addingTimeInterval(-7 * 86_400), date)
    }

    /// The name of the week a due time begins: its date in the installation's time zone,
    /// `2026-12-07`. Each week's digest is sent once under this name.
    public func week(of due: Date) -> String {
        let day = calendar.dateComponents([.year, .month, .day], from: due)
        return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }
}
