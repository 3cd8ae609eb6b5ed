import Hummingbird

extension Request {
    /// The whole body, if it is at most `limit` bytes; a larger one is a 413.
    func collectBody(upTo limit: Int) async throws -> ByteBuffer {
        try refuseDeclaredBody(over: limit)
        do {
            return try await body.collect(upTo: limit)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The request body is too large.")
        }
    }

    /// A body that says in its header it is larger than `limit` is a 413 at once, before any
    /// of it is read (a client that declares 10 GB and sends nothing waits for nothing).
    func refuseDeclaredBody(over limit: Int) throws {
        guard let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit else { return }
        throw HTTPError(.contentTooLarge, message: "The request body is too large.")
    }

    /// The personal API token a program sends (`Authorization: Bearer …`), if any.
    var bearerToken: String? {
        guard let header = headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
}
