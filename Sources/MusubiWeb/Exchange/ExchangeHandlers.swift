import Foundation
import Hummingbird
import MusubiCore

/// The exchange as pages: one's channels, browsing, opening a channel or a direct
/// conversation, and mentions. A channel and its messages are in `ExchangeHandlers+Channel`.
struct ExchangeHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func list(_ request: Request, _ context: Context) async throws -> Response {
        let entries = try await site.exchange.channels(context.actor)
        let views = views(context)
        let model = ExchangePage(
            me: context.actor.memberID ?? 0,
            starred: entries.filter { $0.seat.starred && $0.channel.kind != .direct }.map(views.channelRow),
            channels: entries.filter { !$0.seat.starred && $0.channel.kind != .direct }.map(views.channelRow),
            direct: entries.filter { $0.channel.kind == .direct }.map(views.channelRow),
            mayCreate: Policy.can(context.actor, .create, .channels),
            browseHref: Policy.can(context.actor, .list, .channels) ? Paths.channelBrowser.href() : nil, newChannelHref: Paths.newChannel.href(),
            directHref: Paths.directConversation.href(), mentionsHref: Paths.mentions.href()
        )
        return site.render(model, title: site.t("exchange.title", context), request, context)
    }

    func browse(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let page = try await site.exchange.browse(context.actor, term: query["q"], page: PageRequest(number: try query.int("page") ?? 1, size: 50))
        let views = views(context)
        let model = ChannelBrowserPage(
            sidebar: try await sidebar(context, current: nil), term: query["q"],
            rows: page.items.map { listing in
                ChannelRow(
                    id: listing.channel.id, title: listing.channel.name, href: Paths.channel.href(listing.channel.id),
                    kind: String(format: site.t("exchange.member_count", context), listing.memberCount),
                    isPrivate: false, isDirect: false, starred: false, muted: false, unread: nil, mentions: nil,
                    topic: listing.channel.topic.isEmpty ? nil : listing.channel.topic, testID: "channel-\(listing.channel.id)"
                )
            },
            pager: views.pager(page, path: Paths.channelBrowser.href(), query: query, keys: ["q"])
        )
        return site.render(model, title: site.t("exchange.browse", context), request, context)
    }

    // MARK: Opening a channel

    func newChannelForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .channels, hiding: false)
        return try await channelForm(ChannelDraft(kind: .public, name: ""), errors: [:], request, context)
    }

    func create(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        let draft = ChannelDraft(
            kind: ChannelKind(rawValue: form["kind"]) ?? .public, purpose: ChannelPurpose(rawValue: form["purpose"]) ?? .general,
            name: form["name"], topic: form["topic"], description: form["description"], fieldID: try form.int64("fieldID")
        )
        do {
            let channel = try await site.exchange.create(context.actor, draft)
            return site.redirect(Paths.channel.href(channel.id), notice: "channel_created")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await channelForm(draft, errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    private func channelForm(
        _ draft: ChannelDraft, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = ChannelFormPage(
            action: Paths.channels.href(), name: String(draft.name.prefix(200)), topic: String(draft.topic.prefix(500)),
            description: String(draft.description.prefix(2_000)),
            kinds: views.options([ChannelKind.public, .private], catalog: "channel_kind.", selected: draft.kind),
            purposes: views.options(ChannelPurpose.allCases.filter { $0 != .group }, catalog: "channel_purpose.", selected: draft.purpose),
            fields: views.fieldOptions(selected: Set(draft.fieldID.map { [$0] } ?? []), includeAll: false),
            errors: errors
        )
        return site.render(model, title: site.t("exchange.new_channel", context), request, context, status: status)
    }

    // MARK: Direct conversations and invitations: choosing people

    func directForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .channels, hiding: false)
        return try await picker(
            heading: site.t("exchange.new_direct", context), lead: site.t("exchange.direct_lead", context),
            action: Paths.directConversation.href(), searchAction: Paths.directConversation.href(), submit: site.t("exchange.open_direct", context),
            errors: [:], request, context
        )
    }

    func openDirect(_ request: Request, _ context: Context) async throws -> Response {
        let people = context.form.all("member").compactMap { Int64($0) }
        do {
            let channel = try await site.exchange.openDirect(context.actor, with: people)
            return site.redirect(Paths.channel.href(channel.id))
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await picker(
                heading: site.t("exchange.new_direct", context), lead: site.t("exchange.direct_lead", context),
                action: Paths.directConversation.href(), searchAction: Paths.directConversation.href(),
                submit: site.t("exchange.open_direct", context),
                errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0
            )
        }
    }

    /// A search for people and a list to tick them in.
    func picker(
        heading: String, lead: String, action: String, searchAction: String, submit: String, errors: [String: String],
        _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let query = try FormData.query(of: request)
        let found = try await site.directory.members(context.actor, Directory.Filters(text: query["q"], page: PageRequest(number: 1, size: 50)))
        let model = PeoplePickerPage(
            heading: heading, lead: lead, action: action, searchAction: searchAction, term: query["q"],
            people: found.items.filter { $0.id != context.actor.memberID }.map {
                .init(id: $0.id, name: $0.name, organization: $0.organizationName, testID: "person-\($0.id)")
            },
            submit: submit, errors: errors
        )
        return site.render(model, title: heading, request, context, status: status)
    }

    // MARK: Mentions

    func mentions(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let page = try await site.exchange.mentions(context.actor, page: PageRequest(number: try query.int("page") ?? 1, size: 30))
        let views = views(context)
        let model = MentionsPage(
            sidebar: try await sidebar(context, current: nil),
            rows: page.items.map { mention in
                let markup = MessageMarkup(names: mention.names)
                let message = mention.message
                return .init(
                    channel: mention.channelTitle, href: Paths.message.href(message.threadRootID ?? message.id) + "#m\(message.id)",
                    author: message.authorID.flatMap { mention.names[$0] } ?? message.authorName, byApp: message.isByApp,
                    at: site.formatDate(message.createdAt, context, withTime: true),
                    html: markup.html(message.body)
                )
            },
            pager: views.pager(page, path: Paths.mentions.href(), query: query, keys: [])
        )
        return site.render(model, title: site.t("exchange.mentions", context), request, context)
    }

    /// The reader's channels beside the page (none for someone without a seat anywhere to have).
    func sidebar(_ context: Context, current: Int64?) async throws -> ExchangeSidebar? {
        guard context.actor.memberID != nil else { return nil }
        return views(context).sidebar(try await site.exchange.channels(context.actor), current: current)
    }

    /// `GET /exchange/sidebar`: the sidebar alone, as it stands now.
    func sidebarFragment(_ request: Request, _ context: Context) async throws -> Response {
        guard let sidebar = try await sidebar(context, current: nil) else { throw MusubiError.unauthenticated }
        return site.render(SidebarFragment(sidebar: sidebar), title: "", request, context)
    }

    // MARK: The autocomplete and the emoji picker

    /// `GET /exchange/channels/{id}/people?q=`: whom `@q` may mean here, people seated in the
    /// channel first (JSON, for the compose box).
    func mentionCandidates(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let found = try await site.exchange.mentionCandidates(
            context.actor, channelID: try context.parameters.require("id", as: Int64.self), term: String(query["q"].prefix(50)))
        return JSON.response(
            found.map {
                MentionChoice(id: $0.person.id, name: $0.person.name, kana: $0.person.kana, organization: $0.person.organization, seated: $0.seated)
            })
    }

    /// `GET /exchange/channel-names?q=`: the public channels `#q` may mean (JSON).
    func channelNames(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let found = try await site.exchange.channelCandidates(context.actor, term: String(query["q"].prefix(50)))
        return JSON.response(found.map { ChannelChoice(id: $0.id, name: $0.name) })
    }

    /// `GET /exchange/emoji.json`: the emoji catalog the picker shows (see `EmojiCatalog`).
    func emojiCatalog(_ request: Request, _ context: Context) async throws -> Response {
        guard context.actor != .anonymous else { throw MusubiError.unauthenticated }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "private, max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(bytes: EmojiCatalog.shipped.json)))
    }

    private struct MentionChoice: Encodable {
        var id: Int64
        var name: String
        var kana: String
        var organization: String
        var seated: Bool
    }

    private struct ChannelChoice: Encodable {
        var id: Int64
        var name: String
    }

    func views(_ context: Context) -> Views {
        Views(site: site, context: context, tree: FieldTree([]))
    }
}
