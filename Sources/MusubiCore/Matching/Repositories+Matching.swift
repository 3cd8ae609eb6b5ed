import Foundation

/// The suggestions coordinators pinned for members.
public protocol SuggestionPinRepository: Sendable {
    /// Throws `MusubiError.conflict("already_pinned")` when this subject is pinned for this
    /// member already.
    func insert(memberID: Int64, subject: MatchSubject, note: String, by: Int64?, at: Date) async throws -> SuggestionPin
    func find(id: Int64) async throws -> SuggestionPin?
    func delete(id: Int64) async throws -> Bool
    func pinned(for memberID: Int64) async throws -> [SuggestionPin]
    func all() async throws -> [SuggestionPin]
}

/// Who looked at which listing's candidates, for the coordinators' funnel.
public protocol CandidateViewRepository: Sendable {
    /// Records a look, unless this viewer already looked at this listing since `unlessSince`.
    func record(listingID: Int64, viewerID: Int64, at: Date, unlessSince: Date) async throws
    /// Views per listing, of all time or of a period.
    func counts(in period: DateInterval?) async throws -> [Int64: Int]
}
