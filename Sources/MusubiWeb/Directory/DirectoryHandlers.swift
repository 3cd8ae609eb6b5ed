import Foundation
import Hummingbird
import MusubiCore

/// The directory as pages: home, people, organisations, groups.
struct DirectoryHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func home(_ request: Request, _ context: Context) async throws -> Response {
        let overview = try await site.directory.overview(context.actor)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let seesPeople = Policy.can(context.actor, .list, .members)
        let largest = max(1, overview.membersByField.first?.count ?? 1)
        let model = HomePage(
            siteName: site.configuration.name(in: context.language),
            memberTotal: overview.memberTotal,
            organizationTotal: overview.organizationTotal,
            groupCount: overview.groupCount,
            sectors: Sector.allCases.map { sector in
                .init(
                    key: sector.rawValue, name: views.sector(sector), organizations: overview.organizationsBySector[sector] ?? 0,
                    members: overview.membersBySector[sector] ?? 0,
                    href: (seesPeople ? Paths.members : Paths.organizations).href() + "?sector=" + sector.rawValue)
            },
            fields: overview.membersByField.map { entry in
                .init(
                    name: views.fieldName(entry.field.id) ?? "", count: entry.count,
                    href: Paths.members.href() + "?field=\(entry.field.id)", percent: entry.count * 100 / largest)
            },
            newestMembers: views.cards(overview.newestMembers),
            newestOrganizations: views.cards(overview.newestOrganizations),
            seesPeople: seesPeople,
            signedIn: context.actor != .anonymous,
            mix: Policy.can(context.actor, .list, .suggestions) ? try await site.suggestions.mine(context.actor).map(views.row) : [],
            missed: context.actor == .anonymous ? nil : HomePage.Missed(rows: try await site.exchange.missed(context.actor).map(views.channelRow)),
            bulletins: try await site.bulletins.list(context.actor, .init(page: PageRequest(size: 5))).items.map { [now = site.now()] in
                views.row($0, now: now)
            },
            events: try await site.events.list(context.actor, upcoming: true, page: PageRequest(size: 3)).items.map(views.eventRow)
        )
        return site.render(model, title: model.siteName, request, context)
    }

    func members(_ request: Request, _ context: Context) async throws -> Response {
        try await directoryPage(Paths.members, titleKey: "members.title", request, context) { actor, filters in
            try await site.directory.members(actor, filters)
        } cards: { views, page in
            (views.cards(page.items), [])
        }
    }

    func organizations(_ request: Request, _ context: Context) async throws -> Response {
        try await directoryPage(Paths.organizations, titleKey: "organizations.title", request, context) { actor, filters in
            try await site.directory.organizations(actor, filters)
        } cards: { views, page in
            ([], views.cards(page.items))
        }
    }

    func member(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let detail = try await site.directory.member(context.actor, id: id)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let member = detail.member
        var matches: MemberPage.Matches?
        if member.status == .active && Policy.can(context.actor, .list, .members) {
            let found = try await site.matchmaking.candidates(context.actor, memberID: id, limit: 8)
            matches = MemberPage.Matches(listings: found.listings.map(views.row), people: found.people.map(views.row))
        }
        let model = MemberPage(
            id: member.id, name: member.name, nameKana: member.nameKana, title: member.profile.title,
            organization: detail.organization.map(views.row), role: site.t("role." + member.role.rawValue, context),
            email: detail.email, keywords: member.profile.keywords, fields: views.fieldNames(member.fieldIDs),
            offer: member.profile.offer, seeking: member.profile.seeking,
            languages: member.profile.languages.map { site.t("language." + $0, context) },
            groups: detail.groups.map { views.row($0) }, isSelf: context.actor.memberID == id,
            joined: site.formatDate(member.createdAt, context),
            status: member.status == .active ? nil : site.t("status." + member.status.rawValue, context),
            introductionHref: Policy.can(context.actor, .create, .introductions) && context.actor.memberID != id && member.status == .active
                ? Paths.newIntroduction.href() + "?member=\(id)" : nil,
            messageAction: Policy.can(context.actor, .create, .channels) && context.actor.memberID != id && member.status == .active
                ? Paths.directConversation.href() : nil,
            matches: matches
        )
        return site.render(model, title: member.name, request, context)
    }

    func organization(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let detail = try await site.directory.organization(context.actor, id: id)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let listings =
            Policy.can(context.actor, .list, .listings)
            ? try await site.listings.browse(context.actor, .init(status: .open, organizationID: id, page: PageRequest(number: 1, size: 12))) : nil
        let model = OrganizationPage(
            organization: views.row(detail.organization), nameKana: detail.organization.nameKana,
            website: detail.organization.website.isEmpty ? nil : detail.organization.website,
            members: views.cards(detail.members), groups: detail.groups.map { views.row($0) },
            listings: listings?.items.map(views.row) ?? [], listingsHref: Paths.listings.href() + "?organization=\(id)",
            moreListings: (listings?.total ?? 0) > (listings?.items.count ?? 0),
            seesPeople: Policy.can(context.actor, .list, .members),
            canEdit: Policy.can(context.actor, .edit, .organization(id: id)), editHref: Paths.editOrganization.href(id)
        )
        return site.render(model, title: detail.organization.name, request, context)
    }

    func groups(_ request: Request, _ context: Context) async throws -> Response {
        let summaries = try await site.directory.groups(context.actor)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = GroupsPage(
            groups: summaries.map { views.row($0.group, memberCount: $0.memberCount, subgroups: $0.subgroups) },
            canCreate: Policy.can(context.actor, .create, .groups)
        )
        return site.render(model, title: site.t("groups.title", context), request, context)
    }

    func group(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let detail = try await site.directory.group(context.actor, id: id)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = GroupPage(
            id: id, name: detail.group.name, kind: site.t("group_kind." + detail.group.kind.rawValue, context),
            description: detail.group.description, parent: detail.parent.map { views.row($0) },
            subgroups: detail.subgroups.map { views.row($0) }, host: detail.host.map(views.row),
            fields: views.fieldNames(detail.group.fieldIDs),
            members: detail.members.map {
                .init(
                    member: views.row($0.member), id: $0.member.id, isLead: $0.role == .lead, role: site.t("group_role." + $0.role.rawValue, context))
            },
            canEdit: Policy.can(context.actor, .edit, .group(id: id)), editHref: Paths.editGroup.href(id),
            membersHref: Paths.groupMembers.href(id), removeHref: Paths.groupMemberRemoval.href(id),
            roles: GroupRole.allCases.map { Option(value: $0.rawValue, label: site.t("group_role." + $0.rawValue, context), selected: $0 == .member) }
        )
        return site.render(model, title: detail.group.name, request, context)
    }

    static let filterKeys = ["q", "sector", "field", "prefecture", "municipality"]

    static func filters(_ query: FormData) throws -> Directory.Filters {
        Directory.Filters(
            text: String(query["q"].prefix(200)),
            sector: Sector(rawValue: query["sector"]),
            fieldID: try query.int64("field"),
            prefectureCode: query.optional("prefecture"),
            municipality: query.optional("municipality"),
            page: PageRequest(number: try query.int("page") ?? 1, size: 30)
        )
    }

    /// What a filter's chosen value adds to the key of its rendered options: "" for none, the
    /// value when the list knows it, and nil (render, do not keep) for a value it does not.
    private static func cacheKey<Value: LosslessStringConvertible>(_ value: Value?, isKnown: (Value) -> Bool) -> String? {
        guard let value else { return "" }
        return isKnown(value) ? String(value) : nil
    }

    /// The people and organisation directories share their filters, pager and layout.
    private func directoryPage<Item: Sendable>(
        _ path: PathTemplate, titleKey: String, _ request: Request, _ context: Context,
        search: (Requester, Directory.Filters) async throws -> Page<Item>,
        cards: (Views, Page<Item>) -> (members: [String], organizations: [String])
    ) async throws -> Response {
        let query = try FormData.query(of: request)
        let filters = try Self.filters(query)
        let page = try await search(context.actor, filters)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let (members, organizations) = cards(views, page)
        let model = DirectoryPage(
            q: filters.text, municipality: filters.municipality ?? "",
            sectors: views.renderedOptions("sector", selection: filters.sector?.rawValue ?? "") { views.sectorOptions(selected: filters.sector) },
            fields: views.renderedOptions("field", selection: Self.cacheKey(filters.fieldID) { views.tree.field($0) != nil }) {
                views.fieldOptions(selected: Set(filters.fieldID.map { [$0] } ?? []))
            },
            prefectures: views.renderedOptions("prefecture", selection: Self.cacheKey(filters.prefectureCode) { Prefecture.named($0) != nil }) {
                views.prefectureOptions(selected: filters.prefectureCode)
            },
            members: members, organizations: organizations,
            pager: views.pager(page, path: path.href(), query: query, keys: Self.filterKeys), action: path.href(),
            isMembers: path == Paths.members,
            canCreate: Policy.can(context.actor, .create, .organizations), newOrganizationHref: Paths.newOrganization.href()
        )
        return site.render(model, title: site.t(titleKey, context), request, context)
    }
}
