import Foundation
import MusubiCore

/// How an event's time and place read, the same on its page, in the list and in mail.
struct EventWords {
    let configuration: WebConfiguration
    let language: UILanguage

    /// `2026-12-10 13:30–17:00`, `2026-12-10 – 2026-12-11` (the end's day left out, with the
    /// time alone, when it ends the day it starts).
    func when(_ event: Event) -> String {
        let draft = event.draft
        let (startDay, endDay) = (configuration.formatDate(draft.startsAt, language), configuration.formatDate(draft.endsAt, language))
        if draft.allDay { return startDay == endDay ? startDay : startDay + " – " + endDay }
        let start = configuration.formatDate(draft.startsAt, language, withTime: true)
        let end = configuration.formatDate(draft.endsAt, language, withTime: true)
        return startDay == endDay ? start + "–" + end.dropFirst(endDay.count).trimmingCharacters(in: .whitespaces) : start + " – " + end
    }

    /// The prefecture, municipality and address; nil when none is given.
    static func address(_ place: EventPlace) -> String? {
        let parts = [Prefecture.named(place.prefectureCode)?.name ?? "", place.municipality, place.address].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// What a ticket's QR code carries: the door's page with the ticket, so a coordinator's
    /// phone camera opens the person at the door.
    static func doorAddress(_ eventID: Int64, ticket: String, _ configuration: WebConfiguration) -> String {
        configuration.absolute(Paths.eventDoor.href(eventID)) + "?ticket=" + ticket
    }

    /// The venue and its address on one line.
    static func location(_ place: EventPlace) -> String {
        ([place.venueName] + [address(place) ?? ""]).filter { !$0.isEmpty }.joined(separator: " ")
    }
}

extension Site {
    /// 産業, 学術, …, visitors, or those without an organisation.
    func name(of group: AttendanceGroup, _ context: MusubiRequestContext) -> String {
        switch group {
        case .sector(let sector): t("sector." + sector.rawValue, context)
        case .visitors: t("door.visitors", context)
        case .unaffiliated: t("door.no_sector", context)
        }
    }
}

extension Views {
    /// An event in a list (the events page, the home page).
    func eventRow(_ event: Event) -> EventRow {
        let place = event.draft.place
        return EventRow(
            title: event.draft.title, href: Paths.event.href(event.id), kind: site.t("event_kind." + event.draft.kind.rawValue, context),
            when: EventWords(configuration: site.configuration, language: context.language).when(event),
            place: EventWords.address(place) ?? (place.venueName.isEmpty ? nil : place.venueName), cancelled: event.cancelledAt != nil,
            testID: "event-\(event.id)")
    }
}
