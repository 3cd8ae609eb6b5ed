import Hummingbird

extension Request {
    /// The whole body, if it is at most `limit` bytes; a larger one is a 413.
    func collectBody(upTo limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The request body is too large.")
        }
    }

    /// The personal API token a program sends (`Authorization: Bearer …`), if any.
    var bearerToken: String? {
        guard let header = headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
}
