import Foundation
import MusubiCore

extension MailLetters {
    /// What the event mail's template reads.
    struct EventBody {
        var letter: Body
        var when: String
        var place: String?
        /// The online link, to those with a place.
        var online: String?
        /// The ticket's page (its QR code is attached as well).
        var ticket: String?
        /// A visitor's page: to confirm, see the ticket, give the place up.
        var visit: String?
    }

    /// A person's place at an event: with a place, the ticket's QR code as a PNG (what the
    /// door's camera reads) and the event as an `.ics` file; waiting, neither; called off, the
    /// `.ics` that takes it out of their calendar.
    func eventMail(_ letter: Letter, _ about: EventLetter, _ letterBody: Body) -> MailMessage {
        let language = configuration.defaultLanguage
        let event = about.event
        let location = EventWords.location(event.draft.place)
        var body = EventBody(
            letter: letterBody, when: EventWords(configuration: configuration, language: language).when(event),
            place: location.isEmpty ? nil : location)
        body.letter.headline = catalog.text("mail.event_" + about.reason.rawValue, language).replacingOccurrences(
            of: "{title}", with: event.draft.title)
        body.letter.link = configuration.absolute(Paths.event.href(event.id))
        body.visit = about.visitorKey.map { configuration.absolute(Paths.eventVisit.href($0)) }
        var attachments: [MailAttachment] = []
        if let ticket = about.ticket {
            body.online = event.draft.place.onlineURL.isEmpty ? nil : event.draft.place.onlineURL
            body.ticket = configuration.absolute(about.visitorKey.map { Paths.eventVisit.href($0) } ?? Paths.eventTicket.href(event.id))
            if let code = try? QRCode(EventWords.doorAddress(event.id, ticket: ticket, configuration)) {
                attachments.append(MailAttachment(filename: "ticket-\(event.id).png", contentType: "image/png", data: code.png()))
            }
        }
        if about.ticket != nil || about.reason == .cancelled {
            let calendar = ICalendar(configuration: configuration).document([event], name: event.draft.title, stampedAt: letter.date)
            attachments.append(
                MailAttachment(
                    filename: "event-\(event.id).ics", contentType: "text/calendar; charset=UTF-8; method=PUBLISH", data: Data(calendar.utf8)))
        }
        return mail(letter, subjectLine: body.letter.headline, template: "mail-event", body, attachments: attachments)
    }
}
