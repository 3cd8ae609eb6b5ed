import Foundation

/// A request sent again with the same key (a client that retries after a timeout, a form
/// submitted twice) does its work once: the first answer is kept for a day and given again.
/// Keys belong to the person who sent them.
public struct IdempotentRequests: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// How long an answer is kept for its key.
    public static let lifetime: TimeInterval = 24 * 3600
    /// The most bytes of an answer kept for a key (a created object's JSON, a redirect); a
    /// larger answer is given once and its key left free.
    public static let answerLimit = 256 * 1024

    /// What was answered the first time.
    public struct Answer: Sendable, Equatable, Codable {
        public var status: Int
        public var contentType: String?
        public var location: String?
        public var body: String

        public init(status: Int, contentType: String?, location: String?, body: String) {
            (self.status, self.contentType, self.location, self.body) = (status, contentType, location, body)
        }
    }

    /// Does `work` once for the key: the first time it runs, and a successful answer (2xx or
    /// 3xx, at most `answerLimit` bytes) is kept; an answer kept for the key is given again without running it; a key used
    /// for another request is a conflict, as is one whose first request is still under way
    /// (or was cut off before it answered). A failed first try leaves the key free.
    public func once(
        _ actor: Requester, key rawKey: String, request: String, _ work: () async throws -> Answer
    ) async throws -> (answer: Answer, replayed: Bool) {
        guard let memberID = actor.memberID else { throw MusubiError.unauthenticated }
        let key = try Self.checked(rawKey)
        let now = env.now()
        let earlier = try await env.persistence.write { repos in
            try await repos.idempotency.claim(memberID: memberID, key: key, request: request, at: now, expiredBefore: now - Self.lifetime)
        }
        if let earlier {
            guard earlier.request == request else { throw MusubiError.conflict("error.idempotency_key_reused") }
            guard let answer = earlier.answer else { throw MusubiError.conflict("error.idempotency_in_progress") }
            return (answer, true)
        }
        let answer: Answer
        do {
            answer = try await work()
        } catch {
            try? await env.persistence.write { try await $0.idempotency.release(memberID: memberID, key: key) }
            throw error
        }
        if (200..<400).contains(answer.status), answer.body.utf8.count <= Self.answerLimit {
            try await env.persistence.write { try await $0.idempotency.complete(memberID: memberID, key: key, answer: answer) }
        } else {
            try await env.persistence.write { try await $0.idempotency.release(memberID: memberID, key: key) }
        }
        return (answer, false)
    }

    /// Forgets answers older than a day (the hourly upkeep).
    @discardableResult
    public func forgetExpired() async throws -> Int {
        let before = env.now() - Self.lifetime
        return try await env.persistence.write { try await $0.idempotency.deleteClaims(before: before) }
    }

    /// 1 to 200 visible ASCII characters, as clients make them (UUIDs, random strings).
    static func checked(_ key: String) throws -> String {
        guard (1...200).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw MusubiError.invalid("Idempotency-Key", "error.idempotency_key_invalid")
        }
        return key
    }
}

/// A key's claim: the request it was first used for, and its answer once there is one.
public struct IdempotencyClaim: Sendable, Equatable {
    public var request: String
    public var answer: IdempotentRequests.Answer?

    public init(request: String, answer: IdempotentRequests.Answer?) {
        self.request = request
        self.answer = answer
    }
}

public protocol IdempotencyRepository: Sendable {
    /// Claims the key for `request` and gives nil; or, if it was claimed already (after
    /// `expiredBefore`), leaves it and gives that claim. An expired claim is replaced.
    func claim(memberID: Int64, key: String, request: String, at: Date, expiredBefore: Date) async throws -> IdempotencyClaim?
    func complete(memberID: Int64, key: String, answer: IdempotentRequests.Answer) async throws
    func release(memberID: Int64, key: String) async throws
    func deleteClaims(before: Date) async throws -> Int
}
