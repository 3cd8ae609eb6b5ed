import Foundation

/// Who may read a meeting's minutes.
public enum MinutesVisibility: String, Sendable, CaseIterable, Codable {
    /// Those who took part (registered), and coordinators.
    case participants
    case coordinators
    case members
    case `public`
}

/// How the person asking stands to a meeting's minutes, for the policy.
public struct MinutesAccess: Sendable, Equatable, Hashable {
    public var visibility: MinutesVisibility
    /// Registered for the meeting (a place, not a turn on the waitlist).
    public var participant: Bool

    public init(visibility: MinutesVisibility, participant: Bool) {
        (self.visibility, self.participant) = (visibility, participant)
    }
}

/// What a coordinator writes of a meeting (議事録): its agenda, the minutes, the decisions, and
/// who may read them.
public struct MeetingRecord: Sendable, Equatable {
    public var agenda: [String]
    public var minutes: String
    public var decisions: [String]
    public var visibility: MinutesVisibility

    public init(agenda: [String] = [], minutes: String = "", decisions: [String] = [], visibility: MinutesVisibility = .participants) {
        (self.agenda, self.minutes, self.decisions, self.visibility) = (agenda, minutes, decisions, visibility)
    }
}

/// Something a meeting decided someone would do, by a day.
public struct ActionItem: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var eventID: Int64
    public var text: String
    public var ownerID: Int64?
    /// The owner's name as the record shows it (read with the item).
    public var ownerName: String
    public var due: Date?
    public var doneAt: Date?

    public init(id: Int64, eventID: Int64, text: String, ownerID: Int64?, ownerName: String, due: Date?, doneAt: Date?) {
        (self.id, self.eventID, self.text, self.ownerID, self.ownerName, self.due, self.doneAt) = (id, eventID, text, ownerID, ownerName, due, doneAt)
    }
}
