import Foundation

/// How far the sending of one week's digest has come: members are taken in the order of
/// their ids, and each batch's letters are written with the progress that covers them, so
/// that a stopped server goes on where it stopped and nobody gets a week's digest twice.
public struct DigestRound: Sendable, Equatable {
    /// The week's name (`DigestSchedule.week(of:)`).
    public var week: String
    public var startedAt: Date
    /// Every member up to this id has had the week's digest composed.
    public var lastMemberID: Int64
    public var composed: Int
    public var mailed: Int
    public var finishedAt: Date?

    public init(week: String, startedAt: Date, lastMemberID: Int64, composed: Int, mailed: Int, finishedAt: Date?) {
        self.week = week
        self.startedAt = startedAt
        self.lastMemberID = lastMemberID
        self.composed = composed
        self.mailed = mailed
        self.finishedAt = finishedAt
    }
}

public protocol DigestRepository: Sendable {
    func round(week: String) async throws -> DigestRound?
    /// Begins a week's round, unless it has begun; gives the round as it stands.
    func begin(week: String, at: Date) async throws -> DigestRound
    /// Moves a round from `from` on to `to`, counting what the batch did; false when another
    /// sender moved it first (and the batch's letters must not go).
    func advance(week: String, from: Int64, to: Int64, composed: Int, mailed: Int) async throws -> Bool
    func finish(week: String, at: Date) async throws
}
