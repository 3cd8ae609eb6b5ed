/// What a match candidate is: a listing, or a person by what their profile offers and seeks.
public enum MatchSubject: Sendable, Hashable {
    case listing(Int64)
    case person(Int64)
}
