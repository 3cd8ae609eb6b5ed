import Foundation

/// Roundtables and meetings: who took part (as representatives of their organisations), the
/// agenda, the minutes written after the meeting with its decisions and action items, read by
/// whom the minutes' visibility admits.
extension Events {
    /// The minutes' limit keeps a form of Japanese text within what a form may send.
    public static let minutesLimits = (items: 30, item: 500, minutes: 20_000, action: 500)

    /// A meeting's record as the person asking may see it.
    public struct Meeting: Sendable {
        public var event: Event
        /// Nil until a coordinator writes it.
        public var record: MeetingRecord?
        public var updatedAt: Date?
        /// Those with a place, by the reading of their names.
        public var participants: [Attendee]
        public var actions: [ActionItem]
        /// Whether the person may write the record and add action items (coordinators).
        public var mayWrite: Bool
    }

    public func meeting(_ actor: Requester, eventID: Int64) async throws -> Meeting {
        try await env.persistence.read { repos in
            let (event, _) = try await Self.visible(eventID, to: actor, repos)
            let stored = try await repos.events.minutes(eventID: eventID)
            let participants = try await repos.events.attendees(eventID: eventID).filter { $0.registration.status == .registered }
            let mayWrite = Policy.can(actor, .edit, .event(EventAccess(visibility: event.draft.visibility, invited: false)))
            if !mayWrite {
                guard let stored else { throw MusubiError.notFound }
                let participant = actor.memberID.map { me in participants.contains { $0.registration.registrant == .member(me) } } ?? false
                try Policy.require(
                    actor, .view, .minutes(MinutesAccess(visibility: stored.record.visibility, participant: participant)), hiding: false)
            }
            return Meeting(
                event: event, record: stored?.record, updatedAt: stored?.updatedAt, participants: participants,
                actions: try await repos.events.actions(eventID: eventID), mayWrite: mayWrite)
        }
    }

    /// A coordinator writes (or rewrites) the meeting's record; audited.
    public func recordMeeting(_ actor: Requester, eventID: Int64, _ record: MeetingRecord) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            let event = try await Self.atTheDoor(eventID, actor, repos)
            var check = Validator()
            let limits = Self.minutesLimits
            let clean = MeetingRecord(
                agenda: check.list("agenda", record.agenda, maxCount: limits.items, maxLength: limits.item),
                minutes: check.text("minutes", record.minutes, limit: limits.minutes, multiline: true),
                decisions: check.list("decisions", record.decisions, maxCount: limits.items, maxLength: limits.item), visibility: record.visibility)
            try check.check()
            try await repos.events.saveMinutes(eventID: eventID, clean, by: actor.memberID, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .minutesSaved, subjectType: "event", subjectID: eventID, detail: event.draft.title, at: now)
        }
    }

    /// A coordinator adds an action item, owned by one of those who took part (or nobody yet).
    @discardableResult
    public func addAction(_ actor: Requester, eventID: Int64, text: String, ownerID: Int64?, due: Date?) async throws -> ActionItem {
        let now = env.now()
        return try await env.persistence.write { repos in
            _ = try await Self.atTheDoor(eventID, actor, repos)
            var check = Validator()
            let clean = check.text("text", text, required: true, limit: Self.minutesLimits.action)
            try check.check()
            if let ownerID {
                let participants = try await repos.events.attendees(eventID: eventID).filter { $0.registration.status == .registered }
                guard participants.contains(where: { $0.registration.registrant == .member(ownerID) }) else {
                    throw MusubiError.invalid([.init(field: "owner", key: "error.action_owner")])
                }
            }
            return try await repos.events.insertAction(eventID: eventID, text: clean, ownerID: ownerID, due: due, at: now)
        }
    }

    /// Marks an action item done (or not yet): coordinators, and the item's owner.
    public func setActionDone(_ actor: Requester, eventID: Int64, actionID: Int64, done: Bool) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            let (event, _) = try await Self.visible(eventID, to: actor, repos)
            guard let action = try await repos.events.actions(eventID: eventID).first(where: { $0.id == actionID }) else {
                throw MusubiError.notFound
            }
            let coordinates = Policy.can(actor, .edit, .event(EventAccess(visibility: event.draft.visibility, invited: false)))
            guard coordinates || (action.ownerID != nil && action.ownerID == actor.memberID) else { throw MusubiError.forbidden }
            try await repos.events.setActionDone(id: actionID, at: done ? now : nil)
        }
    }
}
