import Foundation

extension Exchange {
    /// Removes for good, in each channel an admin gave a retention period, the threads whose
    /// last word is older than that period — from the timeline, threads, mentions, reactions,
    /// search and the event log — and notes it in the audit log. One transaction a channel.
    /// Gives how many messages went.
    @discardableResult
    public func applyRetention() async throws -> Int {
        let now = env.now()
        let channels = try await env.persistence.read { try await $0.channels.withRetention() }
        var removed = 0
        for channel in channels {
            guard let days = channel.retentionDays else { continue }
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
            removed += try await env.persistence.write { repos in
                let count = try await repos.messages.removeExpired(channelID: channel.id, before: cutoff)
                if count > 0 {
                    try await repos.audit.append(actorID: nil, action: .channelMessagesExpired, subjectType: "channel", subjectID: channel.id,
                                                 detail: "\(count)", at: now)
                }
                return count
            }
        }
        return removed
    }
}
