import Foundation

extension Exchange {
    /// The longest name a webhook (or its `username`) has, and the largest body it is sent.
    public static let webhookLimits = (name: 80, payload: 64 * 1024)

    /// The channel's webhooks, for those who may configure it (admins).
    public func webhooks(_ actor: Requester, channelID: Int64) async throws -> [Webhook] {
        try await env.persistence.read { repos in
            let (_, access) = try await visible(channelID, to: actor, repos)
            try Policy.require(actor, .configure, .channel(access), hiding: false)
            return try await repos.webhooks.of(channelID: channelID)
        }
    }

    /// A new webhook for the channel, and its secret: shown this once, kept only as a digest.
    public func createWebhook(_ actor: Requester, channelID: Int64, name: String) async throws -> (Webhook, secret: String) {
        var check = Validator()
        let name = check.text("name", name, required: true, limit: Self.webhookLimits.name)
        try check.check()
        let now = env.now()
        let secret = env.secrets.newSecret()
        let webhook = try await env.persistence.write { repos in
            let (channel, access) = try await visible(channelID, to: actor, repos)
            try Policy.require(actor, .configure, .channel(access), hiding: false)
            guard channel.kind != .direct else { throw MusubiError.forbidden }
            let webhook = try await repos.webhooks.insert(
                channelID: channelID, name: name, secretDigest: env.secrets.digest(secret), by: actor.memberID, at: now)
            try await repos.audit.append(
                actorID: actor.memberID, action: .webhookCreated, subjectType: "channel", subjectID: channelID, detail: name, at: now)
            return webhook
        }
        return (webhook, secret)
    }

    /// Revokes a webhook of the channel: its URL answers 404 from now on.
    public func revokeWebhook(_ actor: Requester, channelID: Int64, webhookID: Int64) async throws {
        let now = env.now()
        try await env.persistence.write { repos in
            let (_, access) = try await visible(channelID, to: actor, repos)
            try Policy.require(actor, .configure, .channel(access), hiding: false)
            guard let webhook = try await repos.webhooks.of(channelID: channelID).first(where: { $0.id == webhookID }) else {
                throw MusubiError.notFound
            }
            guard try await repos.webhooks.revoke(id: webhookID, channelID: channelID, at: now) else { return }
            try await repos.audit.append(
                actorID: actor.memberID, action: .webhookRevoked, subjectType: "channel", subjectID: channelID, detail: webhook.name, at: now)
        }
    }

    /// Posts what a webhook was sent into its channel, under its name (or the `username`
    /// sent) with no author. An unknown or revoked secret is not found, before the payload is
    /// read; a payload that is not Slack's JSON, says nothing, or says too much is refused.
    public func post(webhookSecret secret: String, payload data: Data) async throws -> Message {
        guard !secret.isEmpty, secret.count <= 200 else { throw MusubiError.notFound }
        let digest = env.secrets.digest(secret)
        // A wrong secret costs one read, never the writer.
        guard let known = try await env.persistence.read({ try await $0.webhooks.find(secretDigest: digest) }), !known.isRevoked else {
            throw MusubiError.notFound
        }
        guard data.count <= Self.webhookLimits.payload else { throw MusubiError.invalid("payload", "error.webhook_too_large") }
        let payload = try SlackPayload.parse(data)
        let typed = try validBody(payload.text, required: true)
        var check = Validator()
        let username = check.text("username", payload.username ?? "", limit: Self.webhookLimits.name)
        try check.check()
        let now = env.now()
        let (message, event) = try await env.persistence.write { repos in
            guard let webhook = try await repos.webhooks.find(secretDigest: digest), webhook.id == known.id, !webhook.isRevoked else {
                throw MusubiError.notFound
            }
            let message = try await Self.insert(
                typed: NewMessage(
                    channelID: webhook.channelID, authorID: nil, authorName: username.isEmpty ? webhook.name : username,
                    authorIcon: payload.iconEmoji.flatMap(SlackText.emoji) ?? "", body: typed, at: now
                ), repos)
            try await repos.webhooks.markUsed(id: webhook.id, at: now)
            return (message, try await repos.messages.appendEvent(channelID: webhook.channelID, kind: .posted, messageID: message.id, at: now))
        }
        await env.exchangeEvents.publish([event])
        return message
    }
}
