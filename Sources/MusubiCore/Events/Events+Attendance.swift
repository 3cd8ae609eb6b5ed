import Foundation

/// After the event: who came, by sector and by organisation, and the one line a progress
/// report writes of it (`[64企業・団体、120名参加]`).
extension Events {
    public struct Attendance: Sendable {
        public struct Organization: Sendable, Equatable {
            public var name: String
            public var group: AttendanceGroup
            public var people: Int
        }

        public var event: Event
        public var bySector: [SectorAttendance]
        /// The organisations that came, most people first.
        public var organizations: [Organization]
        /// Counted by who checked in at the door; by who registered when nobody was checked in.
        public var countsArrivals: Bool
        public var people: Int
    }

    public func attendance(_ actor: Requester, eventID: Int64) async throws -> Attendance {
        try await env.persistence.read { repos in
            let event = try await Self.atTheDoor(eventID, actor, repos)
            let placed = try await repos.events.attendees(eventID: eventID).filter { $0.registration.status == .registered }
            let arrived = placed.filter { $0.registration.checkedInAt != nil }
            let counted = arrived.isEmpty ? placed : arrived
            var organizations: [String: Attendance.Organization] = [:]
            for attendee in counted where !attendee.organizationName.isEmpty {
                organizations[attendee.organizationName, default: .init(name: attendee.organizationName, group: attendee.group, people: 0)].people +=
                    1
            }
            return Attendance(
                event: event, bySector: SectorAttendance.tally(placed),
                organizations: organizations.values.sorted { ($1.people, $0.name) < ($0.people, $1.name) }, countsArrivals: !arrived.isEmpty,
                people: counted.count)
        }
    }
}

extension Events.Attendance {
    /// `[64企業・団体、120名参加]（R8.12）`: as seed reports write an event's outcome.
    public func summary(in timeZone: TimeZone) -> String {
        "[\(organizations.count)企業・団体、\(people)名参加]（\(JapaneseDate.monthAbbreviation(event.draft.startsAt, in: timeZone))）"
    }
}
