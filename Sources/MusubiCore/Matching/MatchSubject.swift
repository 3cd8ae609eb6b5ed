/// What a match candidate is: a listing, or a person by what their profile offers and seeks.
public enum MatchSubject: Sendable, Hashable, Comparable, Codable {
    case listing(Int64)
    case person(Int64)
}

extension MatchSubject {
    /// Best first, and among equal scores listings before people, each by id: the one order
    /// of every list of candidates.
    static func ranksBefore(_ a: (score: Double, subject: MatchSubject), _ b: (score: Double, subject: MatchSubject)) -> Bool {
        a.score != b.score ? a.score > b.score : a.subject < b.subject
    }
}
