import Foundation
import Hummingbird
import MusubiCore

/// Bulletins and funding calls as pages: the list (and the open calls by deadline), one
/// bulletin, saving a call, and the coordinator's form.
struct BulletinHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    static let filterKeys = ["kind", "field", "saved", "fits"]

    /// The list's filters from a query string; the API reads the same ones.
    static func filters(_ query: FormData, fundingCalls: Bool, pageSize: Int = 30) throws -> Bulletins.Filters {
        Bulletins.Filters(
            kind: fundingCalls ? .fundingCall : BulletinKind(rawValue: query["kind"]), fieldID: try query.int64("field"),
            openOnly: fundingCalls || ["1", "true"].contains(query["open"]), savedOnly: ["1", "true"].contains(query["saved"]),
            fitsOnly: ["1", "true"].contains(query["fits"]), page: PageRequest(number: try query.int("page") ?? 1, size: pageSize))
    }

    func list(_ request: Request, _ context: Context) async throws -> Response {
        try await listPage(fundingCalls: false, request, context)
    }

    func fundingCalls(_ request: Request, _ context: Context) async throws -> Response {
        try await listPage(fundingCalls: true, request, context)
    }

    private func listPage(fundingCalls: Bool, _ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let filters = try Self.filters(query, fundingCalls: fundingCalls)
        let page = try await site.bulletins.list(context.actor, filters)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let path = fundingCalls ? Paths.fundingCalls.href() : Paths.bulletins.href()
        let now = site.now()
        let model = BulletinsPage(
            heading: site.t(fundingCalls ? "bulletins.funding_calls" : "bulletins.title", context),
            kinds: views.options(BulletinKind.allCases, catalog: "bulletin_kind.", selected: filters.kind, all: "bulletins.all_kinds"),
            fields: views.fieldOptions(selected: Set(filters.fieldID.map { [$0] } ?? [])), action: path, fundingCalls: fundingCalls,
            savedOnly: filters.savedOnly, savedHref: path + "?saved=1", fitsOnly: filters.fitsOnly, fitsHref: Paths.fundingCalls.href() + "?fits=1",
            allHref: path,
            rows: page.items.map { views.row($0, now: now) },
            pager: views.pager(page, path: path, query: query, keys: Self.filterKeys),
            canPublish: Policy.can(context.actor, .create, .bulletins),
            feedHref: fundingCalls ? Paths.fundingCallsFeed.href() : Paths.bulletinsFeed.href())
        return site.render(model, title: model.heading, request, context)
    }

    func show(_ request: Request, _ context: Context) async throws -> Response {
        try await page(try context.parameters.require("id", as: Int64.self), fileError: nil, request, context)
    }

    private func page(_ id: Int64, fileError: String?, _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let shown = try await site.bulletins.show(context.actor, id: id)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let bulletin = shown.bulletin
        var funding: BulletinPage.FundingRows?
        var (fitReasons, applicants): ([String], BulletinPage.Applicants?) = ([], nil)
        if let details = bulletin.funding {
            funding = try await fundingRows(details, context)
            fitReasons = try await site.bulletins.whyItFits(context.actor, call: shown).map(views.sentence)
            if Policy.can(context.actor, .view, .matchingTools) {
                let found = try await site.bulletins.couldApply(context.actor, call: shown)
                applicants = .init(people: found.people.map(views.row), listings: found.listings.map(views.row))
            }
        }
        let model = BulletinPage(
            bulletin: views.row(shown, now: site.now()), html: MessageMarkup(names: [:]).html(bulletin.body),
            funding: funding, maySave: shown.maySave,
            saved: shown.saved, saveAction: Paths.bulletinSave.href(id), discussionHref: shown.discussion.map { Paths.message.href($0.messageID) },
            mayEdit: shown.mayEdit, editHref: Paths.editBulletin.href(id), removeAction: Paths.bulletinRemoval.href(id),
            audience: audience(bulletin, views),
            files: try await site.bulletins.files(of: shown).map { file in
                .init(
                    name: file.file.filename, href: Paths.bulletinFile.href(id, file.id), size: FileRow.size(file.file.size),
                    removeAction: shown.mayEdit ? Paths.bulletinFileRemoval.href(id, file.id) : nil)
            },
            attachAction: shown.mayEdit ? Paths.bulletinFiles.href(id) : nil, fileError: fileError, fitReasons: fitReasons,
            applicants: applicants)
        return site.render(model, title: bulletin.title, request, context, status: status)
    }

    func attach(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            guard let file = context.files["file"]?.first else { throw MusubiError.invalid("file", "error.required") }
            try await site.bulletins.attach(context.actor, id: id, filename: file.filename, data: try file.contents())
            return site.redirect(Paths.bulletin.href(id), notice: "saved")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await page(id, fileError: site.problems(error, context).values.first, request, context, status: .unprocessableContent)
        }
    }

    /// Serves a document as a download (never shown inline), to those who may read the bulletin.
    func download(_ request: Request, _ context: Context) async throws -> Response {
        let (file, data) = try await site.bulletins.open(
            context.actor, id: try context.parameters.require("id", as: Int64.self), fileID: try context.parameters.require("file", as: Int64.self))
        return .download(data, filename: file.file.filename, kind: file.file.kind)
    }

    func removeFile(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.bulletins.removeFile(context.actor, id: id, fileID: try context.parameters.require("file", as: Int64.self))
        return site.redirect(Paths.bulletin.href(id), notice: "saved")
    }

    func save(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let saved = context.form["saved"] != "0"
        try await site.bulletins.save(context.actor, id: id, saved: saved)
        return site.redirect(Paths.bulletin.href(id), notice: saved ? "funding_call_saved" : "funding_call_unsaved")
    }

    func remove(_ request: Request, _ context: Context) async throws -> Response {
        try await site.bulletins.remove(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return site.redirect(Paths.bulletins.href(), notice: "bulletin_removed")
    }

    /// Who it is for, in words: everyone, members, or the sectors, fields and groups named.
    private func audience(_ bulletin: Bulletin, _ views: Views) -> String {
        if bulletin.visibility == .public { return site.t("bulletin_visibility.public", views.context) }
        let targets = bulletin.targets
        let named = targets.sectors.map(views.sector) + views.fieldNames(targets.fieldIDs) + targets.groupIDs.map { "#\($0)" }
        return site.t("bulletin_visibility.members", views.context) + (named.isEmpty ? "" : ": " + named.joined(separator: "・"))
    }

    private func fundingRows(_ funding: FundingDetails, _ context: Context) async throws -> BulletinPage.FundingRows {
        var funder = funding.funderName
        if let id = funding.funderOrganizationID, let name = try await site.directory.organizationNames().first(where: { $0.id == id })?.name {
            funder = name
        }
        func yen(_ amount: Int64?) -> String? {
            amount.map { $0.formatted(.number.locale(Locale(identifier: "ja_JP"))) + site.t("bulletins.yen", context) }
        }
        let amount = [yen(funding.amountMin), yen(funding.amountMax)]
        var rows: [BulletinPage.FundingRows.Row] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { rows.append(.init(label: label, value: value)) }
        }
        add(site.t("bulletins.funder", context), funder)
        add(site.t("bulletins.programme", context), funding.programme)
        add(site.t("bulletins.amount", context), amount.allSatisfy { $0 == nil } ? nil : (amount[0] ?? "") + " 〜 " + (amount[1] ?? ""))
        add(site.t("bulletins.eligibility", context), funding.eligibility)
        add(
            site.t("bulletins.eligible_sectors", context),
            funding.eligibleSectors.map { site.t("sector." + $0.rawValue, context) }.joined(separator: "・"))
        add(site.t("bulletins.opens_on", context), funding.opensOn.map { site.formatDate($0, context) })
        add(site.t("bulletins.deadline", context), site.formatDate(funding.deadline, context, withTime: true))
        return .init(rows: rows, link: funding.link.isEmpty ? nil : funding.link)
    }
}
