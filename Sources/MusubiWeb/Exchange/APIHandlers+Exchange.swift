import Foundation
import Hummingbird
import MusubiCore

/// The exchange through the API: channels, messages, threads, reactions, files, search,
/// mentions and the events since a cursor. Every rule is the use case's, as for the pages.
extension APIHandlers {
    func channels(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(["items": try await site.exchange.channels(context.actor).map(ChannelDTO.init)])
    }

    func publicChannels(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let page = try await site.exchange.browse(context.actor, term: query["q"], page: Self.pageRequest(query, size: 30))
        return JSON.response(PageDTO(page) { ChannelDTO($0.channel, memberCount: $0.memberCount) })
    }

    func createChannel(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(ChannelInput.self, from: request)
        return JSON.response(ChannelDTO(try await site.exchange.create(context.actor, input.draft), memberCount: 1), status: .created)
    }

    func openDirect(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(PeopleInput.self, from: request)
        let channel = try await site.exchange.openDirect(context.actor, with: input.memberIds)
        let entry = try await site.exchange.channels(context.actor).first { $0.channel.id == channel.id }
        return JSON.response(entry.map(ChannelDTO.init) ?? ChannelDTO(channel))
    }

    /// The newest page, or the one before `before`. Reading the newest page marks the
    /// channel read, as opening it does.
    func timeline(_ request: Request, _ context: Context) async throws -> Response {
        let before = try FormData.query(of: request).int64("before")
        return JSON.response(TimelineDTO(try await site.exchange.show(context.actor, channelID: try pathID(context), before: before)))
    }

    /// JSON, or `multipart/form-data` with the same fields and up to four `files`.
    func postMessage(_ request: Request, _ context: Context) async throws -> Response {
        let id = try pathID(context)
        let input: PostInput
        var uploads: [Upload] = []
        if let boundary = request.headers[.contentType].flatMap(MultipartForm.boundary) {
            // Files only from someone signed in: nobody else's upload is read.
            guard context.actor.memberID != nil else { throw MusubiError.unauthenticated }
            let read = try await UploadFolder.with(in: site.uploads) { folder in
                let form = try await MultipartForm.read(
                    request, boundary: boundary, limit: UploadLimits.files, into: folder, fileFields: ["files"])
                if let unexpected = form.files.keys.first(where: { $0 != "files" }) {
                    throw MusubiError.invalid(unexpected, "error.unexpected_file_field")
                }
                let alsoToChannel: Bool
                switch form.fields.optional("alsoToChannel") {
                case "1", "true", "on": alsoToChannel = true
                case nil, "0", "false", "off": alsoToChannel = false
                default: throw MalformedInput(field: "alsoToChannel", key: "error.value_not_allowed")
                }
                let input = PostInput(
                    body: form.fields["body"], threadRootId: try form.fields.int64("threadRootId"), alsoToChannel: alsoToChannel)
                return (input, try (form.files["files"] ?? []).map { try $0.upload() })
            }
            (input, uploads) = (read.0, read.1)
        } else {
            input = try await JSON.decode(PostInput.self, from: request)
        }
        let message = try await site.exchange.post(
            context.actor, channelID: id, body: input.body ?? "", threadRootID: input.threadRootId, alsoToChannel: input.alsoToChannel ?? false,
            files: uploads
        )
        return try await messageResponse(message.id, context, status: .created)
    }

    func describeChannel(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(ChannelAboutInput.self, from: request)
        try await site.exchange.describe(context.actor, channelID: try pathID(context), topic: input.topic, description: input.description)
        return Response(status: .noContent)
    }

    func setRetention(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(RetentionInput.self, from: request)
        try await site.exchange.setRetention(context.actor, channelID: try pathID(context), days: input.days)
        return Response(status: .noContent)
    }

    func join(_ request: Request, _ context: Context) async throws -> Response {
        try await site.exchange.join(context.actor, channelID: try pathID(context))
        return Response(status: .noContent)
    }

    func leave(_ request: Request, _ context: Context) async throws -> Response {
        try await site.exchange.leave(context.actor, channelID: try pathID(context))
        return Response(status: .noContent)
    }

    func inviteToChannel(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(PeopleInput.self, from: request)
        try await site.exchange.invite(context.actor, channelID: try pathID(context), memberIDs: input.memberIds)
        return Response(status: .noContent)
    }

    func adjustSeat(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(SeatInput.self, from: request)
        try await site.exchange.adjustSeat(
            context.actor, channelID: try pathID(context), starred: input.starred, muted: input.muted, notify: input.notify)
        return Response(status: .noContent)
    }

    func webhooks(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(["items": try await site.exchange.webhooks(context.actor, channelID: try pathID(context)).map { WebhookDTO($0) }])
    }

    func createWebhook(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(WebhookInput.self, from: request)
        let (webhook, secret) = try await site.exchange.createWebhook(context.actor, channelID: try pathID(context), name: input.name)
        return JSON.response(WebhookDTO(webhook, url: site.configuration.publicBaseURL + Paths.incomingWebhook.href(secret)), status: .created)
    }

    func revokeWebhook(_ request: Request, _ context: Context) async throws -> Response {
        let webhookID = try context.parameters.require("webhookId", as: Int64.self)
        try await site.exchange.revokeWebhook(context.actor, channelID: try pathID(context), webhookID: webhookID)
        return Response(status: .noContent)
    }

    func message(_ request: Request, _ context: Context) async throws -> Response {
        try await messageResponse(try pathID(context), context)
    }

    func editMessage(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(MessageInput.self, from: request)
        let message = try await site.exchange.edit(context.actor, messageID: try pathID(context), body: input.body)
        return try await messageResponse(message.id, context)
    }

    func deleteMessage(_ request: Request, _ context: Context) async throws -> Response {
        _ = try await site.exchange.delete(context.actor, messageID: try pathID(context))
        return Response(status: .noContent)
    }

    func thread(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(ThreadDTO(try await site.exchange.thread(context.actor, rootID: try pathID(context))))
    }

    func addReaction(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(ReactionInput.self, from: request)
        try await site.exchange.react(context.actor, messageID: try pathID(context), emoji: input.emoji, present: true)
        return Response(status: .noContent)
    }

    func removeReaction(_ request: Request, _ context: Context) async throws -> Response {
        let emoji = try FormData.query(of: request)["emoji"]
        try await site.exchange.react(context.actor, messageID: try pathID(context), emoji: emoji, present: false)
        return Response(status: .noContent)
    }

    func file(_ request: Request, _ context: Context) async throws -> Response {
        let (file, data) = try await site.exchange.file(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return .download(data, filename: file.filename, kind: file.file.kind)
    }

    func search(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let order = MessageSearchOrder(rawValue: query["order"]) ?? .relevance
        let results = try await site.exchange.search(
            context.actor, query: query["q"], order: order, page: try query.int("page") ?? 1, timeZone: site.configuration.timeZone
        )
        return JSON.response(SearchResultsDTO(results))
    }

    func mentions(_ request: Request, _ context: Context) async throws -> Response {
        let page = try await site.exchange.mentions(context.actor, page: Self.pageRequest(try FormData.query(of: request), size: 30))
        return JSON.response(PageDTO(page, MentionDTO.init))
    }

    /// The events after `after` in the caller's channels (and in `watch`, a public channel
    /// they may read), oldest first. Without `after`, none, and the cursor to start from.
    func events(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        guard context.actor.memberID != nil else { throw MusubiError.unauthenticated }
        guard let after = try query.int64("after") else {
            return JSON.response(EventListDTO(items: [], cursor: try await site.exchange.latestEventID(), complete: true))
        }
        let limit = try query.int("limit") ?? 100
        let found = try await site.exchange.replay(context.actor, after: max(0, after), watching: try query.int64("watch"), limit: limit)
        return JSON.response(
            EventListDTO(items: found.deliveries.map(EventDTO.init), cursor: found.readThrough ?? max(0, after), complete: found.isComplete))
    }

    // MARK: Helpers

    /// The channel's or the message's id in the path.
    private func pathID(_ context: Context) throws -> Int64 { try context.parameters.require("id", as: Int64.self) }

    /// A message as it stands, with its reactions, files and names.
    private func messageResponse(_ id: Int64, _ context: Context, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (message, details) = try await site.exchange.shown(context.actor, messageID: id)
        return JSON.response(MessageDTO(message, details: details), status: status)
    }
}
