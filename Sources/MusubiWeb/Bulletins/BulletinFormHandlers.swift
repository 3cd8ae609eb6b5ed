import Foundation
import Hummingbird
import MusubiCore

/// The coordinator's form: a new bulletin or funding call, and editing one.
struct BulletinFormHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    func newForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .bulletins, hiding: false)
        let kind = BulletinKind(rawValue: try FormData.query(of: request)["kind"]) ?? .networkNotice
        return try await formPage(BulletinDraft(kind: kind, title: "", body: ""), id: nil, errors: [:], request, context)
    }

    func create(_ request: Request, _ context: Context) async throws -> Response {
        let (draft, unreadable) = draft(context.form)
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            let bulletin = try await site.bulletins.publish(context.actor, draft, opening: opening(context))
            return site.redirect(Paths.bulletin.href(bulletin.id), notice: "bulletin_published")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await formPage(draft, id: nil, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    func editForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .edit, .bulletins, hiding: false)
        let id = try context.parameters.require("id", as: Int64.self)
        let bulletin = try await site.bulletins.show(context.actor, id: id).bulletin
        let draft = BulletinDraft(
            kind: bulletin.kind, title: bulletin.title, body: bulletin.body, fieldIDs: bulletin.fieldIDs, visibility: bulletin.visibility,
            targets: bulletin.targets, publishAt: bulletin.publishAt, expiresAt: bulletin.expiresAt, pinned: bulletin.pinned,
            funding: bulletin.funding)
        return try await formPage(draft, id: id, errors: [:], request, context)
    }

    func update(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let (draft, unreadable) = draft(context.form)
        do {
            if !unreadable.isEmpty { throw MusubiError.invalid(unreadable) }
            try await site.bulletins.edit(context.actor, id: id, draft)
            return site.redirect(Paths.bulletin.href(id), notice: "saved")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await formPage(draft, id: id, errors: site.problems(error, context), request, context, status: .unprocessableContent)
        }
    }

    /// The message that opens a bulletin's discussion: its kind, title and address.
    func opening(_ context: Context) -> @Sendable (Bulletin) -> String {
        { [site] bulletin in
            "【" + site.t("bulletin_kind." + bulletin.kind.rawValue, context) + "】" + bulletin.title + "\n"
                + site.configuration.absolute(Paths.bulletin.href(bulletin.id))
        }
    }

    private func formPage(
        _ draft: BulletinDraft, id: Int64?, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = Views(site: site, context: context, tree: try await site.directory.fieldTree())
        let funding = draft.funding
        let organizations = try await site.directory.organizationNames()
        // A discussion opens in a public channel the coordinator sits in.
        let channels = try await site.exchange.channels(context.actor).map(\.channel).filter { $0.kind == .public }
        func amount(_ value: Int64?) -> String { value.map(String.init) ?? "" }
        let model = BulletinFormPage(
            action: id.map { Paths.bulletin.href($0) } ?? Paths.bulletins.href(), isNew: id == nil,
            values: [
                "title": draft.title, "body": draft.body, "publishAt": draft.publishAt.map(site.momentValue) ?? "",
                "expiresAt": draft.expiresAt.map(site.dayValue) ?? "", "funderName": funding?.funderName ?? "",
                "programme": funding?.programme ?? "", "amountMin": amount(funding?.amountMin), "amountMax": amount(funding?.amountMax),
                "eligibility": funding?.eligibility ?? "", "opensOn": funding?.opensOn.map(site.dayValue) ?? "",
                "deadline": funding.map { site.momentValue($0.deadline) } ?? "", "link": funding?.link ?? "",
            ],
            errors: errors,
            kinds: views.options(BulletinKind.allCases, catalog: "bulletin_kind.", selected: draft.kind),
            visibilities: views.options(BulletinVisibility.allCases, catalog: "bulletin_visibility.", selected: draft.visibility),
            fields: views.fieldOptions(selected: Set(draft.fieldIDs), includeAll: false),
            targetFields: views.fieldOptions(selected: Set(draft.targets.fieldIDs), includeAll: false),
            targetSectors: Sector.allCases.map { Option(value: $0.rawValue, label: views.sector($0), selected: draft.targets.sectors.contains($0)) },
            targetGroups: try await site.directory.groups(context.actor).flatMap { [$0.group] + $0.subgroups }.map {
                Option(value: String($0.id), label: $0.name, selected: draft.targets.groupIDs.contains($0.id))
            },
            eligibleSectors: Sector.allCases.map {
                Option(value: $0.rawValue, label: views.sector($0), selected: funding?.eligibleSectors.contains($0) ?? false)
            },
            funders: organizations.map { Option(value: String($0.id), label: $0.name, selected: $0.id == funding?.funderOrganizationID) },
            channels: channels.map { Option(value: String($0.id), label: "#" + $0.name, selected: $0.id == draft.discussIn) },
            pinned: draft.pinned)
        let title = site.t(id == nil ? "bulletin_form.new_title" : "bulletin_form.edit_title", context)
        return site.render(model, title: title, request, context, status: status)
    }

    /// The form as a draft, and what could not even be read, so that the form comes back
    /// with every message at once. Times are where the community is.
    private func draft(_ form: FormData) -> (BulletinDraft, [MusubiError.Problem]) {
        var problems: [MusubiError.Problem] = []
        func choice<Value: RawRepresentable<String>>(_ key: String, _ fallback: Value) -> Value {
            guard let value = Value(rawValue: form[key]) else {
                problems.append(.init(field: key, key: "error.choice"))
                return fallback
            }
            return value
        }
        func sectors(_ key: String) -> [Sector] {
            form.all(key).compactMap { value in
                guard let sector = Sector(rawValue: value) else {
                    problems.append(.init(field: key, key: "error.sector"))
                    return nil
                }
                return sector
            }
        }
        func moment(_ key: String, endOfDay: Bool = false, dayOnly: Bool = false) -> Date? {
            guard let text = form.optional(key) else { return nil }
            let parsed = dayOnly ? (endOfDay ? site.endOfDay(text) : site.day(text)) : site.moment(text)
            if parsed == nil { problems.append(.init(field: key, key: dayOnly ? "error.date" : "error.moment")) }
            return parsed
        }
        func yen(_ key: String) -> Int64? {
            guard let text = form.optional(key) else { return nil }
            guard let value = Int64(text.replacingOccurrences(of: ",", with: "")) else {
                problems.append(.init(field: key, key: "error.amount"))
                return nil
            }
            return value
        }
        let kind = choice("kind", BulletinKind.networkNotice)
        var funding: FundingDetails?
        if kind == .fundingCall {
            let deadline = moment("deadline")
            if deadline == nil, form.optional("deadline") == nil { problems.append(.init(field: "deadline", key: "error.required")) }
            funding = FundingDetails(
                funderOrganizationID: FormIDs.parse(
                    form.all("funderOrganizationID").filter { !$0.isEmpty }, field: "funderOrganizationID", into: &problems
                )
                .first,
                funderName: form["funderName"], programme: form["programme"], amountMin: yen("amountMin"), amountMax: yen("amountMax"),
                eligibility: form["eligibility"], eligibleSectors: sectors("eligibleSectors"), opensOn: moment("opensOn", dayOnly: true),
                deadline: deadline ?? .distantPast, link: form["link"])
        }
        let discussIn = FormIDs.parse(form.all("discussIn").filter { !$0.isEmpty }, field: "discussIn", into: &problems).first
        let draft = BulletinDraft(
            kind: kind, title: form["title"], body: form["body"],
            fieldIDs: FormIDs.parse(form.all("fields"), field: "fieldIDs", into: &problems),
            visibility: choice("visibility", BulletinVisibility.members),
            targets: BulletinTargets(
                sectors: sectors("targetSectors"), fieldIDs: FormIDs.parse(form.all("targetFields"), field: "targetFieldIDs", into: &problems),
                groupIDs: FormIDs.parse(form.all("targetGroups"), field: "targetGroupIDs", into: &problems)),
            publishAt: moment("publishAt"), expiresAt: moment("expiresAt", endOfDay: true, dayOnly: true), pinned: form["pinned"] == "1",
            funding: funding, discussIn: discussIn)
        return (draft, problems)
    }
}
