import Foundation
import Hummingbird
import MusubiCore

/// The exchange as pages: one's channels, browsing, opening a channel or a direct
/// conversation, and mentions. A channel and its messages are in `ExchangePages+Channel`.
struct ExchangePages {
    typealias Context = MusubiRequestContext
    let site: Site

    struct ListModel {
        var starred: [ChannelRow]
        var channels: [ChannelRow]
        var direct: [ChannelRow]
        var mayCreate: Bool
        var browseHref: String
        var newChannelHref: String
        var directHref: String
        var mentionsHref: String
    }

    func list(_ request: Request, _ context: Context) async throws -> Response {
        let entries = try await site.exchange.channels(context.actor)
        let views = views(context)
        let model = ListModel(
            starred: entries.filter { $0.seat.starred && $0.channel.kind != .direct }.map(views.channelRow),
            channels: entries.filter { !$0.seat.starred && $0.channel.kind != .direct }.map(views.channelRow),
            direct: entries.filter { $0.channel.kind == .direct }.map(views.channelRow),
            mayCreate: Policy.can(context.actor, .create, .channels),
            browseHref: Paths.channelBrowser.href(), newChannelHref: Paths.newChannel.href(),
            directHref: Paths.directConversation.href(), mentionsHref: Paths.mentions.href()
        )
        return site.page("exchange", title: site.t("exchange.title", context), model, request, context)
    }

    struct BrowseModel {
        var term: String
        var rows: [ChannelRow]
        var pager: Pager
    }

    func browse(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let page = try await site.exchange.browse(context.actor, term: query["q"], page: PageRequest(number: query.int("page") ?? 1, size: 50))
        let views = views(context)
        let model = BrowseModel(
            term: query["q"],
            rows: page.items.map { listing in
                ChannelRow(
                    title: listing.channel.name, href: Paths.channel.href(listing.channel.id), kind: String(format: site.t("exchange.member_count", context), listing.memberCount),
                    isPrivate: false, isDirect: false, starred: false, muted: false, unread: nil, mentions: nil,
                    topic: listing.channel.topic.isEmpty ? nil : listing.channel.topic, testID: "channel-\(listing.channel.id)"
                )
            },
            pager: views.pager(page, path: Paths.channelBrowser.href(), query: query, keys: ["q"])
        )
        return site.page("channel-browser", title: site.t("exchange.browse", context), model, request, context)
    }

    // MARK: Opening a channel

    struct ChannelFormModel {
        var action: String
        var name: String
        var topic: String
        var description: String
        var kinds: [Option]
        var purposes: [Option]
        var fields: [Option]
        var errors: [String: String]
    }

    func newChannelForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .channels, hiding: false)
        return try await channelForm(ChannelDraft(kind: .public, name: ""), errors: [:], request, context)
    }

    func create(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        let draft = ChannelDraft(
            kind: ChannelKind(rawValue: form["kind"]) ?? .public, purpose: ChannelPurpose(rawValue: form["purpose"]) ?? .general,
            name: form["name"], topic: form["topic"], description: form["description"], fieldID: form.int64("fieldID")
        )
        do {
            let channel = try await site.exchange.create(context.actor, draft)
            return site.redirect(Paths.channel.href(channel.id), notice: "channel_created")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await channelForm(draft, errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    private func channelForm(_ draft: ChannelDraft, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = ChannelFormModel(
            action: Paths.channels.href(), name: String(draft.name.prefix(200)), topic: String(draft.topic.prefix(500)), description: String(draft.description.prefix(2_000)),
            kinds: views.options([ChannelKind.public, .private], catalog: "channel_kind.", selected: draft.kind),
            purposes: views.options(ChannelPurpose.allCases.filter { $0 != .group }, catalog: "channel_purpose.", selected: draft.purpose),
            fields: views.fieldOptions(selected: Set(draft.fieldID.map { [$0] } ?? []), includeAll: false),
            errors: errors
        )
        return site.page("channel-form", title: site.t("exchange.new_channel", context), model, request, context, status: status)
    }

    // MARK: Direct conversations and invitations: choosing people

    struct PeoplePickerModel {
        var heading: String
        var lead: String
        var action: String
        var searchAction: String
        var term: String
        var people: [Person]
        var submit: String
        var errors: [String: String]

        struct Person { var id: Int64; var name: String; var organization: String; var testID: String }
    }

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
                action: Paths.directConversation.href(), searchAction: Paths.directConversation.href(), submit: site.t("exchange.open_direct", context),
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
        let model = PeoplePickerModel(
            heading: heading, lead: lead, action: action, searchAction: searchAction, term: query["q"],
            people: found.items.filter { $0.id != context.actor.memberID }.map {
                .init(id: $0.id, name: $0.name, organization: $0.organizationName, testID: "person-\($0.id)")
            },
            submit: submit, errors: errors
        )
        return site.page("people-picker", title: heading, model, request, context, status: status)
    }

    // MARK: Mentions

    struct MentionsModel {
        var rows: [Row]
        var pager: Pager

        struct Row { var channel: String; var href: String; var author: String; var byApp: Bool; var at: String; var html: String }
    }

    func mentions(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let page = try await site.exchange.mentions(context.actor, page: PageRequest(number: query.int("page") ?? 1, size: 30))
        let views = views(context)
        let model = MentionsModel(
            rows: page.items.map { mention in
                let markup = MessageMarkup(names: mention.names)
                let message = mention.message
                return .init(
                    channel: mention.channelTitle, href: Paths.message.href(message.threadRootID ?? message.id) + "#m\(message.id)",
                    author: message.authorID.flatMap { mention.names[$0] } ?? message.authorName, byApp: message.isByApp, at: site.formatDate(message.createdAt, context, withTime: true),
                    html: markup.html(message.body)
                )
            },
            pager: views.pager(page, path: Paths.mentions.href(), query: query, keys: [])
        )
        return site.page("mentions", title: site.t("exchange.mentions", context), model, request, context)
    }

    func views(_ context: Context) -> Views {
        Views(site: site, context: context, tree: FieldTree([]))
    }
}
