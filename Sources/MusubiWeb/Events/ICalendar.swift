import Foundation
import Hummingbird
import MusubiCore

/// Events as iCalendar (RFC 5545), for calendar programs: one event's file, or a feed of
/// many. Times are local to the installation with its `VTIMEZONE` (Japan keeps one offset all
/// year); a zone with daylight saving gets UTC times instead, which every program reads.
/// All-day events are `DATE` values (the end the day after the last). Each event's `UID`
/// never changes; a cancelled one is `STATUS:CANCELLED`. Lines end in CRLF and are folded
/// at 75 octets without splitting a character.
struct ICalendar {
    let configuration: WebConfiguration

    func document(_ events: [Event], name: String, stampedAt now: Date) -> String {
        let zone = configuration.timeZone
        let fixedOffset = zone.nextDaylightSavingTimeTransition(after: now) == nil && !zone.isDaylightSavingTime(for: now)
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Musubi//Events//JA", "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + Self.text(name)]
        if fixedOffset { lines += Self.timeZone(zone, at: now) }
        for event in events { lines += entry(event, local: fixedOffset, stampedAt: now) }
        lines.append("END:VCALENDAR")
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    func response(_ events: [Event], name: String, filename: String, stampedAt now: Date) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8", .contentDisposition: "inline; filename=\"\(filename)\"", .cacheControl: "no-cache",
            ],
            body: .init(byteBuffer: ByteBuffer(string: document(events, name: name, stampedAt: now))))
    }

    private func entry(_ event: Event, local: Bool, stampedAt now: Date) -> [String] {
        let draft = event.draft
        let host = configuration.publicHost
        var lines = [
            "BEGIN:VEVENT", "UID:event-\(event.id)@\(host)", "DTSTAMP:" + Self.utc(now), "SEQUENCE:\(event.sequence)",
            "SUMMARY:" + Self.text(draft.title),
        ]
        if draft.allDay {
            let days = Self.formatter("yyyyMMdd", configuration.timeZone)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = configuration.timeZone
            let dayAfter = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: draft.endsAt)) ?? draft.endsAt
            lines += ["DTSTART;VALUE=DATE:" + days.string(from: draft.startsAt), "DTEND;VALUE=DATE:" + days.string(from: dayAfter)]
        } else if local {
            let times = Self.formatter("yyyyMMdd'T'HHmmss", configuration.timeZone)
            let zone = configuration.timeZone.identifier
            lines += ["DTSTART;TZID=\(zone):" + times.string(from: draft.startsAt), "DTEND;TZID=\(zone):" + times.string(from: draft.endsAt)]
        } else {
            lines += ["DTSTART:" + Self.utc(draft.startsAt), "DTEND:" + Self.utc(draft.endsAt)]
        }
        let place = EventWords.location(draft.place)
        if !place.isEmpty { lines.append("LOCATION:" + Self.text(place)) }
        if !draft.description.isEmpty { lines.append("DESCRIPTION:" + Self.text(draft.description)) }
        lines += [
            "URL:" + configuration.absolute(Paths.event.href(event.id)), "STATUS:" + (event.cancelledAt == nil ? "CONFIRMED" : "CANCELLED"),
            "END:VEVENT",
        ]
        return lines
    }

    /// The zone as one `STANDARD` component: its offset now, all year.
    private static func timeZone(_ zone: TimeZone, at now: Date) -> [String] {
        let seconds = zone.secondsFromGMT(for: now)
        let offset = String(format: "%@%02d%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        return [
            "BEGIN:VTIMEZONE", "TZID:" + zone.identifier, "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:" + offset,
            "TZOFFSETTO:" + offset, "TZNAME:" + (zone.abbreviation(for: now) ?? zone.identifier), "END:STANDARD", "END:VTIMEZONE",
        ]
    }

    private static func utc(_ date: Date) -> String {
        formatter("yyyyMMdd'T'HHmmss'Z'", TimeZone(identifier: "UTC")!).string(from: date)
    }

    private static func formatter(_ format: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }

    /// A TEXT value: backslashes, semicolons, commas and line breaks escaped; other control
    /// characters left out.
    static func text(_ value: String) -> String {
        var result = ""
        for character in Validator.unixLineBreaks(value) {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) { result.append(character) }
            }
        }
        return result
    }

    /// A content line folded at 75 octets: each continuation begins with a space.
    static func folded(_ line: String) -> String {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > (lines.isEmpty ? 75 : 74) {
                lines.append(current)
                (current, octets) = ("", 0)
            }
            current.append(character)
            octets += size
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }
}
