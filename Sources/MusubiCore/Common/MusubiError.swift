/// The errors the core and the store throw. Each one maps to one HTTP status and a message
/// key in the catalog; nothing here is logged or translated.
public enum MusubiError: Error, Sendable, Equatable {
    /// The input was wrong; each problem names the field and a catalog key.
    case invalid([Problem])
    /// The thing does not exist, or the actor may not know it exists.
    case notFound
    /// The actor is known but may not do this.
    case forbidden
    /// The actor must sign in first.
    case unauthenticated
    /// The request clashes with what exists (an e-mail already registered, an invitation used).
    case conflict(String)
    /// Too many attempts; try again after the given number of seconds.
    case rateLimited(retryAfter: Int)
    /// The database is busy with a long write (an import) and this change could not wait for
    /// it; nothing was written. Try again after the given number of seconds.
    case busy(retryAfter: Int)

    public struct Problem: Sendable, Equatable, Codable {
        public var field: String
        public var key: String

        public init(field: String, key: String) {
            self.field = field
            self.key = key
        }
    }

    public static func invalid(_ field: String, _ key: String) -> MusubiError {
        .invalid([Problem(field: field, key: key)])
    }
}
