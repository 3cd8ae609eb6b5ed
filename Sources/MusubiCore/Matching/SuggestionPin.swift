import Foundation

/// A mix suggestion a coordinator put first for a member: "you two should meet".
public struct SuggestionPin: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var memberID: Int64
    public var subject: MatchSubject
    /// What the coordinator says about it, shown with it.
    public var note: String
    public var pinnedBy: Int64?
    public var pinnedAt: Date

    public init(id: Int64, memberID: Int64, subject: MatchSubject, note: String, pinnedBy: Int64?, pinnedAt: Date) {
        self.id = id
        self.memberID = memberID
        self.subject = subject
        self.note = note
        self.pinnedBy = pinnedBy
        self.pinnedAt = pinnedAt
    }
}
