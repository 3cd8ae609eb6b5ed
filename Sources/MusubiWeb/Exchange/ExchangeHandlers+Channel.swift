import Foundation
import Hummingbird
import MusubiCore

/// One channel's page and everything done from it: posting, threads, editing, deleting,
/// reacting, joining and leaving, the seat's settings, the topic, invitations, retention.
extension ExchangeHandlers {
    func show(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        return try await channelPage(
            try context.parameters.require("id", as: Int64.self), before: try query.int64("before"), body: "", errors: [:], request, context)
    }

    /// Where a message just posted or edited is seen, with what its author should hear
    /// about names that reached nobody (`?checked=` makes the page say it).
    private func posted(_ message: Message, _ request: Request, _ context: Context) async throws -> Response {
        let check = try await site.exchange.mentionCheck(context.actor, message: message)
        let page = message.threadRootID.map { Paths.message.href($0) } ?? Paths.channel.href(message.channelID)
        let location = page + (check.isEmpty ? "" : "?checked=\(message.id)") + "#m\(message.id)"
        return site.done(request, context, redirect: location, id: message.id, hasCheck: !check.isEmpty)
    }

    /// Posts once per form: the form's key makes a second sending (a retry, a double click)
    /// lead to the message the first one posted.
    func post(_ request: Request, _ context: Context) async throws -> Response {
        let key = context.form["idempotencyKey"]
        guard !key.isEmpty else { return try await postOnce(request, context) }
        return try await IdempotentResponder(requests: site.idempotentRequests).respond(key: key, request, context, postOnce)
    }

    private func postOnce(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        let root = try form.int64("thread")
        do {
            let files = try (context.files["files"] ?? []).map { try $0.upload() }
            let message = try await site.exchange.post(
                context.actor, channelID: id, body: form["body"], threadRootID: root, alsoToChannel: form["alsoToChannel"] == "1", files: files
            )
            return try await posted(message, request, context)
        } catch let error as MusubiError where error.belongsOnTheForm && !request.asksForOutcome {
            let body = String(form["body"].prefix(MessageText.limit))
            if let root, error != .invalid("threadRootID", "error.thread_unknown") {
                return try await threadPage(
                    root, body: body, errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
            }
            return try await channelPage(
                id, before: nil, body: body, errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    func join(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.exchange.join(context.actor, channelID: id)
        return site.redirect(Paths.channel.href(id), notice: "channel_joined")
    }

    func leave(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.exchange.leave(context.actor, channelID: id)
        return site.redirect(Paths.exchange.href(), notice: "channel_left")
    }

    func adjustSeat(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        guard let notify = NotifyLevel(rawValue: form["notify"]) else { throw MusubiError.invalid("notify", "error.notify_level") }
        try await site.exchange.adjustSeat(context.actor, channelID: id, starred: form["starred"] == "1", muted: form["muted"] == "1", notify: notify)
        return site.redirect(Paths.channel.href(id), notice: "seat_saved")
    }

    func describe(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        do {
            try await site.exchange.describe(context.actor, channelID: id, topic: form["topic"], description: form["description"])
            return site.redirect(Paths.channel.href(id), notice: "channel_described")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await channelPage(
                id, before: nil, body: "", errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    func setRetention(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let text = context.form["days"].trimmingCharacters(in: .whitespaces)
        guard text.isEmpty || Int(text) != nil else { throw MusubiError.invalid("retentionDays", "error.retention_days") }
        do {
            try await site.exchange.setRetention(context.actor, channelID: id, days: Int(text))
            return site.redirect(Paths.channel.href(id), notice: "retention_saved")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await channelPage(
                id, before: nil, body: "", errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    func setAnnouncement(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let isOn = context.form.optional("announcement") == "1"
        try await site.exchange.setAnnouncement(context.actor, channelID: id, isOn)
        return site.redirect(Paths.channel.href(id), notice: isOn ? "announcement_on" : "announcement_off")
    }

    func createWebhook(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            let (_, secret) = try await site.exchange.createWebhook(context.actor, channelID: id, name: context.form["name"])
            let url = site.configuration.publicBaseURL + Paths.incomingWebhook.href(secret)
            return try await channelPage(id, before: nil, body: "", errors: [:], request, context, status: .created, createdWebhookURL: url)
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await channelPage(
                id, before: nil, body: "", errors: site.problems(error, context), request, context,
                status: ErrorMiddleware.describe(error).0)
        }
    }

    func revokeWebhook(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.exchange.revokeWebhook(context.actor, channelID: id, webhookID: try context.parameters.require("webhook", as: Int64.self))
        return site.redirect(Paths.channel.href(id), notice: "webhook_revoked")
    }

    func inviteForm(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let channel = try await site.exchange.show(context.actor, channelID: id)
        try Policy.require(context.actor, .invite(.member), .channel(channel.access), hiding: false)
        return try await picker(
            heading: String(format: site.t("exchange.invite_to", context), channel.title), lead: site.t("exchange.invite_lead", context),
            action: Paths.channelInvite.href(id), searchAction: Paths.channelInvite.href(id), submit: site.t("exchange.invite", context),
            errors: [:], request, context
        )
    }

    func invite(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.exchange.invite(context.actor, channelID: id, memberIDs: context.form.all("member").compactMap { Int64($0) })
        return site.redirect(Paths.channel.href(id), notice: "channel_invited")
    }

    // MARK: Messages

    func thread(_ request: Request, _ context: Context) async throws -> Response {
        try await threadPage(try context.parameters.require("id", as: Int64.self), body: "", errors: [:], request, context)
    }

    func editForm(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let thread = try await site.exchange.thread(context.actor, rootID: id)
        guard let message = ([thread.root] + thread.replies).first(where: { $0.id == id }),
            Policy.can(context.actor, .edit, .message(authorID: message.authorID, in: thread.access)), !message.isDeleted
        else { throw MusubiError.forbidden }
        return editPage(message, body: MessageText.typed(message.body, names: thread.details.names), errors: [:], request, context)
    }

    func edit(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            let message = try await site.exchange.edit(context.actor, messageID: id, body: context.form["body"])
            return try await posted(message, request, context)
        } catch let error as MusubiError where error.belongsOnTheForm && !request.asksForOutcome {
            let message = try await site.exchange.message(context.actor, id: id)
            return editPage(
                message, body: String(context.form["body"].prefix(MessageText.limit)), errors: site.problems(error, context), request, context,
                status: ErrorMiddleware.describe(error).0)
        }
    }

    func delete(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let message = try await site.exchange.delete(context.actor, messageID: id)
        return site.done(request, context, redirect: back(to: message), notice: "message_deleted", id: message.id)
    }

    func react(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.exchange.react(context.actor, messageID: id, emoji: context.form["emoji"])
        return site.done(request, context, redirect: back(to: try await site.exchange.message(context.actor, id: id)), id: id)
    }

    /// A message's file, as a download, only to those who may see its channel.
    func download(_ request: Request, _ context: Context) async throws -> Response {
        let (file, data) = try await site.exchange.file(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return .download(data, filename: file.filename, kind: file.file.kind)
    }

    /// A channel's files, newest first.
    func files(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let query = try FormData.query(of: request)
        let found = try await site.exchange.files(context.actor, channelID: id, page: PageRequest(number: try query.int("page") ?? 1, size: 30))
        let previews = site.exchange.previewKinds
        let model = ChannelFilesPage(
            sidebar: try await sidebar(context, current: id), title: found.title, channelHref: Paths.channel.href(id),
            rows: found.files.items.compactMap { file in
                guard let message = found.messages[file.messageID] else { return nil }
                return .init(
                    file: FileRow(file, previews: previews),
                    author: message.authorID.flatMap { found.names[$0] } ?? message.authorName,
                    at: site.formatDate(message.createdAt, context, withTime: true), messageHref: back(to: message), testID: "file-\(file.id)")
            },
            pager: views(context).pager(found.files, path: Paths.channelFiles.href(id), query: query, keys: [])
        )
        return site.render(model, title: site.t("exchange.files", context) + " · " + found.title, request, context)
    }

    /// A small picture of a message's image or PDF, to those who may see its channel.
    func preview(_ request: Request, _ context: Context) async throws -> Response {
        guard let data = try await site.exchange.preview(context.actor, fileID: try context.parameters.require("id", as: Int64.self)) else {
            throw MusubiError.notFound
        }
        return Response(
            status: .ok, headers: [.contentType: "image/jpeg", .cacheControl: "private, max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Where a message is seen: its thread for a reply, else the channel.
    private func back(to message: Message) -> String {
        (message.threadRootID.map { Paths.message.href($0) } ?? Paths.channel.href(message.channelID)) + "#m\(message.id)"
    }

    private func editPage(
        _ message: Message, body: String, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) -> Response {
        let model = MessageEditPage(action: Paths.editMessage.href(message.id), body: body, backHref: back(to: message), errors: errors)
        return site.render(model, title: site.t("exchange.edit_message", context), request, context, status: status)
    }

    // MARK: Pages

    private func channelPage(
        _ id: Int64, before: Int64?, body: String, errors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok,
        createdWebhookURL: String? = nil
    ) async throws -> Response {
        let view = try await site.exchange.show(context.actor, channelID: id, before: before)
        let channel = view.channel
        let actor = context.actor
        let resource = Resource.channel(view.access)
        let model = ChannelPage(
            sidebar: try await sidebar(context, current: id), id: id, title: view.title,
            kind: site.t("channel_kind." + channel.kind.rawValue, context), isDirect: channel.kind == .direct,
            topic: channel.topic.isEmpty ? nil : channel.topic, description: channel.description.isEmpty ? nil : channel.description,
            memberCount: view.memberCount,
            searchHref: channel.kind == .direct ? nil : Paths.exchangeSearch.href(query: ["q": "in:\"\(channel.name)\" "]),
            filesHref: Paths.channelFiles.href(id),
            messages: views(context).messageRows(view.messages, details: view.details, access: view.access, firstUnreadID: view.firstUnreadID),
            olderHref: view.olderThan.map { Paths.channel.href(id) + "?before=\($0)" },
            newestHref: before == nil ? nil : Paths.channel.href(id),
            postAction: Policy.can(actor, .post, resource) ? Paths.channelMessages.href(id) : nil, idempotencyKey: site.secrets.newSecret(),
            rootID: nil,
            joinAction: Policy.can(actor, .join, resource) ? Paths.channelJoin.href(id) : nil,
            leaveAction: Policy.can(actor, .leave, resource) ? Paths.channelLeave.href(id) : nil,
            seat: view.seat.map { seat in
                .init(
                    action: Paths.channelSeat.href(id), starred: seat.starred, muted: seat.muted,
                    levels: views(context).options(NotifyLevel.allCases, catalog: "notify_level.", selected: seat.notify))
            },
            about: Policy.can(actor, .edit, resource)
                ? .init(action: Paths.channelAbout.href(id), topic: channel.topic, description: channel.description) : nil,
            inviteHref: Policy.can(actor, .invite(.member), resource) ? Paths.channelInvite.href(id) : nil,
            retention: Policy.can(actor, .configure, resource)
                ? .init(action: Paths.channelRetention.href(id), days: channel.retentionDays.map(String.init) ?? "") : nil,
            announcement: Policy.can(actor, .configure, resource) && channel.kind == .public && !channel.followsGroup
                ? .init(action: Paths.channelAnnouncement.href(id), isOn: channel.isAnnouncement) : nil,
            webhooks: Policy.can(actor, .configure, resource) && channel.kind != .direct
                ? try await webhookSection(id, createdURL: createdWebhookURL, context) : nil,
            body: body, errors: errors, mentionCheck: try await mentionCheck(request, context),
            live: LiveFeed(channelID: id, after: view.eventCursor, actor: actor, access: view.access)
        )
        return site.render(model, title: view.title, request, context, status: status)
    }

    /// What the author of the message in `?checked=` should hear about the names they typed
    /// (nothing for anyone else's message, or one that reached everyone named).
    private func mentionCheck(_ request: Request, _ context: Context) async throws -> MentionCheckBox? {
        guard let id = try FormData.query(of: request).int64("checked"),
            let message = try? await site.exchange.message(context.actor, id: id), message.authorID == context.actor.memberID
        else { return nil }
        let check = try await site.exchange.mentionCheck(context.actor, message: message)
        guard !check.isEmpty else { return nil }
        let person = { (name: MentionName) in name.organization.isEmpty ? name.name : "\(name.name)（\(name.organization)）" }
        return MentionCheckBox(
            outsiders: check.outsiders.map(person).joined(separator: "、"),
            invite: check.mayInvite && !check.outsiders.isEmpty
                ? .init(action: Paths.channelInvite.href(message.channelID), memberIDs: check.outsiders.map { String($0.id) }) : nil,
            ambiguous: check.ambiguous.map { .init(typed: "@" + $0.typed, people: $0.people.map(person).joined(separator: "、")) }
        )
    }

    private func webhookSection(_ id: Int64, createdURL: String?, _ context: Context) async throws -> ChannelPage.Webhooks {
        let webhooks = try await site.exchange.webhooks(context.actor, channelID: id)
        return .init(
            action: Paths.channelWebhooks.href(id),
            rows: webhooks.map { webhook in
                .init(
                    name: webhook.name, created: site.formatDate(webhook.createdAt, context, withTime: true),
                    lastUsed: webhook.lastUsedAt.map { site.formatDate($0, context, withTime: true) },
                    revokeAction: webhook.isRevoked ? nil : Paths.webhookRevocation.href(id, webhook.id), testID: "webhook-\(webhook.id)")
            },
            createdURL: createdURL
        )
    }

    private func threadPage(
        _ id: Int64, body: String, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view = try await site.exchange.thread(context.actor, rootID: id)
        let rows = views(context).messageRows([view.root] + view.replies, details: view.details, access: view.access)
        let model = ThreadPage(
            sidebar: try await sidebar(context, current: view.channel.id), channelTitle: view.title, channelHref: Paths.channel.href(view.channel.id),
            root: Array(rows.prefix(1)), replies: Array(rows.dropFirst()),
            postAction: Policy.can(context.actor, .post, .channel(view.access)) && !view.root.isDeleted
                ? Paths.channelMessages.href(view.channel.id) : nil, idempotencyKey: site.secrets.newSecret(),
            rootID: view.root.id, body: body, errors: errors, mentionCheck: try await mentionCheck(request, context),
            live: LiveFeed(channelID: view.channel.id, after: view.eventCursor, rootID: view.root.id, actor: context.actor, access: view.access)
        )
        return site.render(model, title: site.t("exchange.thread", context) + " · " + view.title, request, context, status: status)
    }
}
