import Foundation

extension Exchange {
    /// Removes for good, in each channel an admin gave a retention period, the threads whose
    /// last word is older than that period — from the timeline, threads, mentions, reactions,
    /// files and search — and notes it in the audit log. A transaction holds at most 500 threads, so
    /// people keep posting while a large channel is swept. Gives how many messages went.
    @discardableResult
    public func applyRetention() async throws -> Int {
        let now = env.now()
        let channels = try await env.persistence.read { try await $0.channels.withRetention() }
        var removed = 0
        for channel in channels {
            guard let days = channel.retentionDays else { continue }
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
            while true {
                let (count, storedFiles) = try await env.persistence.write { repos in
                    let expired = try await repos.messages.removeExpired(channelID: channel.id, before: cutoff, threads: 500)
                    if expired.messages > 0 {
                        try await repos.audit.append(
                            actorID: nil, action: .channelMessagesExpired, subjectType: "channel", subjectID: channel.id,
                            detail: "\(expired.messages)", at: now)
                    }
                    return expired
                }
                for name in storedFiles { try? await env.files.delete(name) }
                removed += count
                if count == 0 { break }
            }
        }
        return removed
    }
}
