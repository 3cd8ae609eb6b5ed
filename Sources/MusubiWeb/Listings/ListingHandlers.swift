import Foundation
import Hummingbird
import MusubiCore

/// Seeds and needs as pages: the list (public listings for visitors), one listing with its
/// match candidates and the reasons for each, and the form to post or edit one.
struct ListingHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    static let filterKeys = ["q", "kind", "field", "sector", "status", "mine", "organization"]

    /// The list's filters from a query string; the API reads the same ones.
    static func filters(_ query: FormData, pageSize: Int = 30) throws -> Listings.Filters {
        Listings.Filters(
            text: String(query["q"].prefix(200)), kind: ListingKind(rawValue: query["kind"]), fieldID: try query.int64("field"),
            sector: Sector(rawValue: query["sector"]), status: ListingStatus(rawValue: query["status"]),
            mine: ["1", "true"].contains(query["mine"]), organizationID: try query.int64("organization"),
            page: PageRequest(number: try query.int("page") ?? 1, size: pageSize)
        )
    }

    func browse(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let filters = try Self.filters(query)
        let page = try await site.listings.browse(context.actor, filters)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = ListingsPage(
            q: filters.text,
            kinds: views.options(ListingKind.allCases, catalog: "listing_kind.", selected: filters.kind, all: "listings.all_kinds"),
            statuses: views.options(ListingStatus.allCases, catalog: "listing_status.", selected: filters.status, all: "listings.all_statuses"),
            sectors: views.sectorOptions(selected: filters.sector),
            fields: views.fieldOptions(selected: Set(filters.fieldID.map { [$0] } ?? [])),
            mine: filters.mine && context.actor != .anonymous, signedIn: context.actor != .anonymous,
            listings: page.items.map(views.row),
            pager: views.pager(page, path: Paths.listings.href(), query: query, keys: Self.filterKeys),
            action: Paths.listings.href(), canPost: Policy.can(context.actor, .create, .listings)
        )
        return site.render(model, title: site.t("listings.title", context), request, context)
    }

    func show(_ request: Request, _ context: Context) async throws -> Response {
        try await listingPage(try context.parameters.require("id", as: Int64.self), attachmentError: nil, request, context)
    }

    private func listingPage(
        _ id: Int64, attachmentError: String?, _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let detail = try await site.listings.detail(context.actor, id: id)
        let candidates = try await site.matchmaking.candidates(context.actor, listingID: id)
        let people = try await site.matchmaking.people(context.actor, listingID: id)
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let listing = detail.shown.listing
        let content = listing.content
        let model = ListingPage(
            listing: views.row(detail.shown), details: content.details, detailsVisible: detail.shown.detailsVisible,
            stage: site.t("listing_stage." + content.stage.rawValue, context),
            place: content.prefectureCode.map { views.place(prefectureCode: $0, municipality: "") } ?? site.t("listing.anywhere", context),
            partnerSectors: content.partnerSectors.map(views.sector),
            disclosure: site.t("disclosure." + content.disclosure.rawValue, context),
            disclosedTo: detail.disclosedTo.map(\.name),
            owner: detail.owner?.name, ownerHref: detail.owner.map { Paths.member.href($0.id) } ?? "",
            organization: detail.organization?.name, organizationHref: detail.organization.map { Paths.organization.href($0.id) } ?? "",
            posted: site.formatDate(listing.createdAt, context), updated: site.formatDate(listing.updatedAt, context),
            editable: detail.shown.editable, editHref: Paths.editListing.href(id), statusAction: Paths.listingStatus.href(id),
            statuses: views.options(ListingStatus.allCases, catalog: "listing_status.", selected: listing.status),
            candidatesTitle: site.t(content.kind == .need ? "listing.candidate_seeds" : "listing.candidate_needs", context),
            candidates: candidates.map(views.row),
            peopleTitle: site.t(content.kind == .need ? "listing.people_offering" : "listing.people_seeking", context),
            people: people.map(views.row),
            introductionHref: site.introductions.mayRequest(context.actor, about: listing) ? Paths.newIntroduction.href() + "?listing=\(id)" : nil,
            attachments: try await site.attachments.list(context.actor, listingID: id).map { attachment in
                ListingPage.AttachmentRow(
                    filename: attachment.filename, href: Paths.listingAttachment.href(id, attachment.id),
                    size: FileRow.size(attachment.size),
                    removeAction: detail.shown.editable ? Paths.listingAttachmentRemoval.href(id, attachment.id) : nil
                )
            },
            attachAction: detail.shown.editable ? Paths.listingAttachments.href(id) : nil,
            attachmentError: attachmentError
        )
        return site.render(model, title: content.title, request, context, status: status)
    }

    func attach(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            guard let file = context.files["file"]?.first else { throw MusubiError.invalid("file", "error.required") }
            _ = try await site.attachments.attach(context.actor, listingID: id, filename: file.filename, data: try file.contents())
            return site.redirect(Paths.listing.href(id), notice: "saved")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await listingPage(
                id, attachmentError: site.problems(error, context).values.first, request, context, status: .unprocessableContent)
        }
    }

    /// Serves a file as a download, never to be shown inline, only to those who may read the
    /// listing's details.
    func download(_ request: Request, _ context: Context) async throws -> Response {
        let (attachment, data) = try await site.attachments.open(
            context.actor, listingID: try context.parameters.require("id", as: Int64.self),
            attachmentID: try context.parameters.require("attachment", as: Int64.self)
        )
        return .download(data, filename: attachment.filename, kind: attachment.kind)
    }

    func removeAttachment(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.attachments.remove(context.actor, listingID: id, attachmentID: try context.parameters.require("attachment", as: Int64.self))
        return site.redirect(Paths.listing.href(id), notice: "saved")
    }

    func setStatus(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let status = ListingStatus(rawValue: context.form["status"]) else { throw MusubiError.invalid("status", "error.listing_status") }
        try await site.listings.setStatus(context.actor, id: id, to: status)
        return site.redirect(Paths.listing.href(id), notice: "saved")
    }

    // MARK: The form

    func newForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .listings, hiding: false)
        let kind = ListingKind(rawValue: try FormData.query(of: request)["kind"]) ?? .need
        return try await formPage(ListingDraft(kind: kind, title: "", summary: ""), id: nil, errors: [:], request, context)
    }

    func post(_ request: Request, _ context: Context) async throws -> Response {
        let (draft, unreadable) = draft(context.form)
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            let listing = try await site.listings.post(context.actor, draft)
            return site.redirect(Paths.listing.href(listing.id), notice: "listing_posted")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await formPage(draft, id: nil, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    func editForm(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let shown = try await site.listings.show(context.actor, id: id)
        guard shown.editable else { throw MusubiError.forbidden }
        return try await formPage(shown.listing.content, id: id, errors: [:], request, context)
    }

    func update(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let (draft, unreadable) = draft(context.form)
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            try await site.listings.edit(context.actor, id: id, draft)
            return site.redirect(Paths.listing.href(id), notice: "saved")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await formPage(draft, id: id, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    private func formPage(
        _ draft: ListingDraft, id: Int64?, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let model = ListingFormPage(
            action: id.map { Paths.listing.href($0) } ?? Paths.listings.href(), isNew: id == nil,
            values: [
                "title": draft.title, "summary": draft.summary, "details": draft.details,
                "keywords": draft.keywords.joined(separator: ", "),
                "expiresOn": draft.expiresOn.map(site.dayValue) ?? "",
            ],
            errors: errors,
            kinds: views.options(ListingKind.allCases, catalog: "listing_kind.", selected: draft.kind),
            stages: views.options(ListingStage.allCases, catalog: "listing_stage.", selected: draft.stage),
            disclosures: views.options(Disclosure.allCases, catalog: "disclosure.", selected: draft.disclosure),
            partnerSectors: Sector.allCases.map { Option(value: $0.rawValue, label: views.sector($0), selected: draft.partnerSectors.contains($0)) },
            prefectures: views.prefectureOptions(selected: draft.prefectureCode, includeAll: false),
            fields: views.fieldOptions(selected: Set(draft.fieldIDs), includeAll: false),
            organizations: try await site.directory.organizationNames().map {
                Option(value: String($0.id), label: $0.name, selected: draft.disclosedTo.contains($0.id))
            }
        )
        let title = site.t(id == nil ? "listing_form.new_title" : "listing_form.edit_title", context)
        return site.render(model, title: title, request, context, status: status)
    }

    /// The form as a draft, and what could not even be read, so that the form comes back
    /// with every message at once. An expiry date means the end of that day, where the
    /// community is.
    private func draft(_ form: FormData) -> (ListingDraft, [MusubiError.Problem]) {
        var problems: [MusubiError.Problem] = []
        func choice<Value: RawRepresentable<String>>(_ key: String, _ fallback: Value, error: String) -> Value {
            guard let value = Value(rawValue: form[key]) else {
                problems.append(.init(field: key, key: error))
                return fallback
            }
            return value
        }
        let kind = choice("kind", ListingKind.need, error: "error.listing_kind")
        let stage = choice("stage", ListingStage.research, error: "error.listing_stage")
        let disclosure = choice("disclosure", Disclosure.members, error: "error.disclosure")
        var partnerSectors: [Sector] = []
        for value in form.all("partnerSectors") {
            if let sector = Sector(rawValue: value) {
                partnerSectors.append(sector)
            } else {
                problems.append(.init(field: "partnerSectors", key: "error.sector"))
            }
        }
        var expiresOn: Date?
        if let day = form.optional("expiresOn") {
            if let end = site.endOfDay(day) { expiresOn = end } else { problems.append(.init(field: "expiresOn", key: "error.date")) }
        }
        let draft = ListingDraft(
            kind: kind, title: form["title"], summary: form["summary"], details: form["details"],
            fieldIDs: FormIDs.parse(form.all("fields"), field: "fieldIDs", into: &problems), keywords: Validator.splitList(form["keywords"]),
            partnerSectors: partnerSectors, stage: stage, prefectureCode: form.optional("prefectureCode"), expiresOn: expiresOn,
            disclosure: disclosure, disclosedTo: FormIDs.parse(form.all("disclosedTo"), field: "disclosedTo", into: &problems)
        )
        return (draft, problems)
    }
}
