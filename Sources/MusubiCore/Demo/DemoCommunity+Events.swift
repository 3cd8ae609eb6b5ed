import Foundation

extension DemoCommunity {
    /// An event of the demo, some days from now (negative: past), with who registered, who
    /// waits and who came.
    struct EventEntry: Decodable, Sendable {
        var key: String, creator: String, kind: EventKind, title: String, description: String
        /// The first day, counted from today in Tokyo; timed events give the hours.
        var inDays: Int, days: Int?, startHour: Double?, endHour: Double?
        var venue: String?, address: String?, prefectureCode: String?, municipality: String?, online: String?
        var visibility: EventVisibility, capacity: Int?, visitorsWelcome: Bool?
        var registered: [String]?, waitlisted: [String]?, checkedIn: [String]?
        var hosts: [String]?, coHosts: [String]?, fields: [String]?
        /// A meeting's record, written after it.
        var minutes: Minutes?
    }

    struct Minutes: Decodable, Sendable {
        struct Action: Decodable, Sendable {
            var text: String, owner: String?, dueInDays: Int?, done: Bool?
        }
        var agenda: [String], text: String, decisions: [String], visibility: MinutesVisibility, actions: [Action]?
    }

    func loadEvents(
        _ repos: any Repositories, memberIDs: [String: Int64], organizationIDs: [String: Int64], fieldIDs: [String: Int64], now: Date
    ) async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let today = calendar.startOfDay(for: now)
        for entry in events ?? [] {
            let first = calendar.date(byAdding: .day, value: entry.inDays, to: today)!
            let allDay = entry.startHour == nil
            let startsAt = first.addingTimeInterval((entry.startHour ?? 0) * 3600)
            let endsAt =
                allDay
                ? calendar.date(byAdding: .day, value: entry.days ?? 1, to: first)!.addingTimeInterval(-60)
                : first.addingTimeInterval((entry.endHour ?? 17) * 3600)
            let draft = EventDraft(
                kind: entry.kind, title: entry.title, description: entry.description, startsAt: startsAt, endsAt: endsAt, allDay: allDay,
                place: EventPlace(
                    venueName: entry.venue ?? "", address: entry.address ?? "", prefectureCode: entry.prefectureCode ?? "",
                    municipality: entry.municipality ?? "", onlineURL: entry.online ?? ""),
                visibility: entry.visibility, capacity: entry.capacity, visitorsWelcome: entry.visitorsWelcome ?? false,
                hostIDs: (entry.hosts ?? []).compactMap { organizationIDs[$0] },
                coHostIDs: (entry.coHosts ?? []).compactMap { organizationIDs[$0] }, fieldIDs: (entry.fields ?? []).compactMap { fieldIDs[$0] })
            let created = min(now, startsAt).addingTimeInterval(-30 * 86_400)
            let event = try await repos.events.insert(draft, by: memberIDs[entry.creator], at: created)
            let arrived = Set(entry.checkedIn ?? [])
            let asked = (entry.registered ?? []).map { ($0, RegistrationStatus.registered) } + (entry.waitlisted ?? []).map { ($0, .waitlisted) }
            for (index, (key, status)) in asked.enumerated() {
                guard let memberID = memberIDs[key] else { continue }
                let registration = try await repos.events.insertRegistration(
                    eventID: event.id, registrant: .member(memberID), status: status, ticket: Registration.newTicket(),
                    at: created.addingTimeInterval(Double(index + 1) * 3_600))
                if arrived.contains(key) { try await repos.events.checkIn(registrationID: registration.id, at: startsAt.addingTimeInterval(600)) }
            }
            if let minutes = entry.minutes {
                let written = endsAt.addingTimeInterval(2 * 86_400)
                try await repos.events.saveMinutes(
                    eventID: event.id,
                    MeetingRecord(agenda: minutes.agenda, minutes: minutes.text, decisions: minutes.decisions, visibility: minutes.visibility),
                    by: memberIDs[entry.creator], at: written)
                for action in minutes.actions ?? [] {
                    let item = try await repos.events.insertAction(
                        eventID: event.id, text: action.text, ownerID: action.owner.flatMap { memberIDs[$0] },
                        due: action.dueInDays.flatMap { calendar.date(byAdding: .day, value: $0, to: today) }, at: written)
                    if action.done == true { try await repos.events.setActionDone(id: item.id, at: now) }
                }
            }
        }
    }
}
