import Foundation
import Testing

@testable import MusubiCore

/// Dates in the era of the day itself, as minutes and progress reports write them.
@Suite struct JapaneseDateTests {
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!

    func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tokyo
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 10))!
    }

    @Test func eachDayIsInItsOwnEra() {
        #expect(JapaneseDate.long(day(2011, 11, 15), in: tokyo) == "平成23年11月15日(火)")
        #expect(JapaneseDate.long(day(2019, 4, 30), in: tokyo) == "平成31年4月30日(火)")
        #expect(JapaneseDate.long(day(2019, 5, 1), in: tokyo) == "令和元年5月1日(水)")
        #expect(JapaneseDate.long(day(1989, 1, 7), in: tokyo) == "昭和64年1月7日(土)")
        #expect(JapaneseDate.long(day(1989, 1, 8), in: tokyo, weekday: false) == "平成元年1月8日")
        #expect(JapaneseDate.long(day(1900, 1, 1), in: tokyo, weekday: false) == "1900年1月1日")
    }

    @Test func aMonthBesideACountIsAbbreviated() {
        #expect(JapaneseDate.monthAbbreviation(day(2019, 6, 20), in: tokyo) == "R元.6")
        #expect(JapaneseDate.monthAbbreviation(day(2019, 4, 1), in: tokyo) == "H31.4")
        #expect(JapaneseDate.monthAbbreviation(day(2026, 12, 7), in: tokyo) == "R8.12")
    }
}
