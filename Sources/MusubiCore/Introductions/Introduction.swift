import Foundation

/// A member's request to be introduced to a listing's owner or to a person, brokered by a
/// coordinator. Contact details are shared, and a private thread opens for the two and the
/// coordinator, only once the coordinator approved and the other side accepted.
public struct Introduction: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var requesterID: Int64
    /// The person asked for: the listing's owner, or the person named.
    public var recipientID: Int64
    /// The listing the request is about, if any.
    public var listingID: Int64?
    /// Why the requester wants to meet, in their words.
    public var message: String
    public var status: IntroductionStatus
    /// The coordinator who reviewed it, and what they wrote to both sides.
    public var coordinatorID: Int64?
    public var coordinatorNote: String
    public var requestedAt: Date
    public var reviewedAt: Date?
    public var answeredAt: Date?

    public init(
        id: Int64, requesterID: Int64, recipientID: Int64, listingID: Int64?, message: String, status: IntroductionStatus,
        coordinatorID: Int64? = nil, coordinatorNote: String = "", requestedAt: Date, reviewedAt: Date? = nil, answeredAt: Date? = nil
    ) {
        self.id = id
        self.requesterID = requesterID
        self.recipientID = recipientID
        self.listingID = listingID
        self.message = message
        self.status = status
        self.coordinatorID = coordinatorID
        self.coordinatorNote = coordinatorNote
        self.requestedAt = requestedAt
        self.reviewedAt = reviewedAt
        self.answeredAt = answeredAt
    }

    public var audience: IntroductionAudience {
        IntroductionAudience(requesterID: requesterID, recipientID: recipientID, status: status)
    }
}

/// Where an introduction stands. Requested → approved or declined by a coordinator →
/// accepted or refused by the other side.
public enum IntroductionStatus: String, Codable, Sendable, CaseIterable {
    case requested, approved, declined, accepted, refused
}

/// What came of an accepted introduction, recorded over time.
public enum OutcomeKind: String, Codable, Sendable, CaseIterable {
    case meetingHeld = "meeting_held"
    case ndaSigned = "nda_signed"
    case jointResearch = "joint_research"
    case contractResearch = "contract_research"
    case commercialised
    case noFurtherAction = "no_further_action"
}

public struct IntroductionOutcome: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var introductionID: Int64
    public var kind: OutcomeKind
    /// The day it happened.
    public var on: Date
    public var note: String
    public var recordedBy: Int64
    public var recordedAt: Date

    public init(id: Int64, introductionID: Int64, kind: OutcomeKind, on: Date, note: String, recordedBy: Int64, recordedAt: Date) {
        self.id = id
        self.introductionID = introductionID
        self.kind = kind
        self.on = on
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// A message in an introduction's private thread.
public struct IntroductionMessage: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var introductionID: Int64
    public var authorID: Int64
    public var body: String
    public var at: Date

    public init(id: Int64, introductionID: Int64, authorID: Int64, body: String, at: Date) {
        self.id = id
        self.introductionID = introductionID
        self.authorID = authorID
        self.body = body
        self.at = at
    }
}

/// Who an introduction concerns, for the policy.
public struct IntroductionAudience: Sendable, Equatable, Hashable {
    public var requesterID: Int64
    public var recipientID: Int64
    public var status: IntroductionStatus

    public init(requesterID: Int64, recipientID: Int64, status: IntroductionStatus) {
        self.requesterID = requesterID
        self.recipientID = recipientID
        self.status = status
    }
}
