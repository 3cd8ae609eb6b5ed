import Foundation

/// Which introductions to list: those a person is party to, and/or in given statuses.
public struct IntroductionQuery: Sendable, Equatable {
    /// Only those this person asked for, or was asked for in one of `statusesForRecipient`.
    public var involving: Int64?
    public var statusesForRecipient: [IntroductionStatus]
    /// Empty means every status.
    public var statuses: [IntroductionStatus]
    public var page: PageRequest

    public init(
        involving: Int64? = nil, statusesForRecipient: [IntroductionStatus] = IntroductionStatus.allCases, statuses: [IntroductionStatus] = [],
        page: PageRequest = .init()
    ) {
        self.involving = involving
        self.statusesForRecipient = statusesForRecipient
        self.statuses = statuses
        self.page = page
    }
}

public protocol IntroductionRepository: Sendable {
    func insert(requesterID: Int64, recipientID: Int64, listingID: Int64?, message: String, at: Date) async throws -> Introduction
    func find(id: Int64) async throws -> Introduction?
    /// Moves an introduction on only if it still stands where the caller saw it; false when
    /// someone else moved it first.
    func review(id: Int64, from: IntroductionStatus, to: IntroductionStatus, coordinatorID: Int64, note: String, at: Date) async throws -> Bool
    func answer(id: Int64, from: IntroductionStatus, to: IntroductionStatus, at: Date) async throws -> Bool
    func search(_ query: IntroductionQuery) async throws -> Page<Introduction>
    /// The introduction between these two about this listing that is still under way or
    /// accepted, if any: asking twice is not asking again.
    func unsettledOrAccepted(requesterID: Int64, recipientID: Int64, listingID: Int64?) async throws -> Introduction?
    func insertOutcome(introductionID: Int64, kind: OutcomeKind, on: Date, note: String, recordedBy: Int64, at: Date) async throws
        -> IntroductionOutcome
    func outcomes(of introductionID: Int64) async throws -> [IntroductionOutcome]
    func insertMessage(introductionID: Int64, authorID: Int64, body: String, at: Date) async throws -> IntroductionMessage
    func messages(of introductionID: Int64) async throws -> [IntroductionMessage]
    /// Everyone this person asked for, or was asked for, an introduction, whatever came of it.
    func partners(of memberID: Int64) async throws -> Set<Int64>
    /// Every introduction and every outcome, for the coordinators' funnel.
    func all() async throws -> [Introduction]
    func allOutcomes() async throws -> [IntroductionOutcome]
}
