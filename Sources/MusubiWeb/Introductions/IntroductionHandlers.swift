import Foundation
import Hummingbird
import MusubiCore

/// Introductions as pages: asking for one, the lists (one's own, and the coordinators'
/// queue), and one introduction with its review, answer, contacts, outcomes and thread.
struct IntroductionHandlers {
    typealias Context = MusubiRequestContext
    let site: Site

    // MARK: Asking

    func requestForm(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .create, .introductions, hiding: false)
        let query = try FormData.query(of: request)
        return try await requestPage(target: try target(query), message: "", errors: [:], request, context)
    }

    func request(_ request: Request, _ context: Context) async throws -> Response {
        let form = context.form
        let target = try target(form)
        do {
            let introduction = try await site.introductions.request(context.actor, to: target, message: form["message"])
            return site.redirect(Paths.introduction.href(introduction.id), notice: "introduction_requested")
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await requestPage(
                target: target, message: String(form["message"].prefix(4_000)), errors: site.problems(error, context), request, context,
                status: ErrorMiddleware.describe(error).0)
        }
    }

    private func target(_ form: FormData) throws -> Introductions.Target {
        if let listing = try form.int64("listing") { return .listing(listing) }
        if let member = try form.int64("member") { return .member(member) }
        throw MusubiError.invalid("target", "error.introduction_target")
    }

    private func requestPage(
        target: Introductions.Target, message: String, errors: [String: String], _ request: Request, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var model = IntroductionRequestPage(
            targetName: "", targetHref: "", aboutListing: false, listingID: nil, memberID: nil, message: message, errors: errors)
        switch target {
        case .listing(let id):
            let shown = try await site.listings.show(context.actor, id: id)
            (model.targetName, model.targetHref, model.aboutListing, model.listingID) = (
                shown.listing.content.title, Paths.listing.href(id), true, String(id)
            )
        case .member(let id):
            let member = try await site.directory.member(context.actor, id: id).member
            (model.targetName, model.targetHref, model.memberID) = (member.name, Paths.member.href(id), String(id))
        }
        return site.render(model, title: site.t("introduction_request.title", context), request, context, status: status)
    }

    // MARK: Lists

    /// Tabs: mine (every status), and for coordinators the queue and everything.
    func list(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let isCoordinator = Policy.can(context.actor, .approve, .introductions)
        let box = isCoordinator ? (query["box"].isEmpty ? "queue" : query["box"]) : "mine"
        let everyone = box != "mine"
        let statuses: [IntroductionStatus] = box == "queue" ? [.requested] : []
        let page = try await site.introductions.list(
            context.actor, everyone: everyone, statuses: statuses, page: PageRequest(number: try query.int("page") ?? 1, size: 50))
        let names = try await site.introductions.names(of: page.items)
        let views = Views(site: site, context: context, tree: FieldTree([]))
        let tabs = (isCoordinator ? ["queue", "all", "mine"] : ["mine"]).map { key in
            Tab(
                label: site.t("introductions.tab_" + key, context), href: Paths.introductions.href() + "?box=" + key, current: key == box,
                testID: "tab-" + key)
        }
        let model = IntroductionsPage(
            tabs: tabs,
            rows: page.items.map { introduction in
                .init(
                    href: Paths.introduction.href(introduction.id), requester: names[introduction.requesterID] ?? "",
                    recipient: names[introduction.recipientID] ?? "", status: site.t("introduction_status." + introduction.status.rawValue, context),
                    statusKey: introduction.status.rawValue, requested: site.formatDate(introduction.requestedAt, context))
            },
            pager: views.pager(page, path: Paths.introductions.href(), query: query, keys: ["box"])
        )
        return site.render(model, title: site.t("introductions.title", context), request, context)
    }

    // MARK: One introduction

    func show(_ request: Request, _ context: Context) async throws -> Response {
        try await introductionPage(try context.parameters.require("id", as: Int64.self), errors: [:], request, context)
    }

    func review(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let decision = context.form["decision"]
        guard ["approve", "decline"].contains(decision) else { throw MusubiError.invalid("decision", "error.introduction_decision") }
        return try await followUp(id, request, context, notice: decision == "approve" ? "introduction_approved" : "introduction_declined") {
            try await site.introductions.review(context.actor, id: id, approve: decision == "approve", note: context.form["note"])
        }
    }

    func answer(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let answer = context.form["answer"]
        guard ["accept", "refuse"].contains(answer) else { throw MusubiError.invalid("answer", "error.introduction_answer") }
        try await site.introductions.answer(context.actor, id: id, accept: answer == "accept")
        return site.redirect(Paths.introduction.href(id), notice: answer == "accept" ? "introduction_accepted" : "introduction_refused")
    }

    func recordOutcome(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        return try await followUp(id, request, context, notice: "outcome_recorded") {
            var problems: [MusubiError.Problem] = []
            let kind = OutcomeKind(rawValue: form["kind"])
            if kind == nil { problems.append(.init(field: "kind", key: "error.outcome_kind")) }
            let day = site.day(form["on"])
            if day == nil { problems.append(.init(field: "on", key: "error.date")) }
            guard let kind, let day, problems.isEmpty else { throw MusubiError.invalid(problems) }
            _ = try await site.introductions.recordOutcome(context.actor, id: id, kind: kind, on: day, note: form["note"])
        }
    }

    func post(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        return try await followUp(id, request, context, notice: nil, anchor: "#thread") {
            _ = try await site.introductions.post(context.actor, id: id, body: context.form["body"])
        }
    }

    /// Does `work` and goes back to the introduction, or shows it again with the form's
    /// problems beside the form.
    private func followUp(_ id: Int64, _ request: Request, _ context: Context, notice: String?, anchor: String = "", _ work: () async throws -> Void)
        async throws -> Response
    {
        do {
            try await work()
            return site.redirect(Paths.introduction.href(id) + anchor, notice: notice)
        } catch let error as MusubiError where error.belongsOnTheForm {
            return try await introductionPage(id, errors: site.problems(error, context), request, context, status: ErrorMiddleware.describe(error).0)
        }
    }

    private func introductionPage(_ id: Int64, errors: [String: String], _ request: Request, _ context: Context, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let detail = try await site.introductions.show(context.actor, id: id)
        let introduction = detail.introduction
        let me = context.actor.memberID
        let names = [detail.requester, detail.recipient] + (detail.coordinator.map { [$0] } ?? [])
        let statusKey = introduction.status.rawValue
        let model = IntroductionPage(
            status: site.t("introduction_status." + statusKey, context), statusKey: statusKey,
            statusLead: site.t("introduction_lead." + statusKey, context),
            requester: .init(detail.requester), recipient: .init(detail.recipient), coordinator: detail.coordinator.map { .init($0) },
            requesterHref: Paths.member.href(detail.requester.id), recipientHref: Paths.member.href(detail.recipient.id),
            listingTitle: detail.listing?.title, listingHref: detail.listing.map { Paths.listing.href($0.id) } ?? "",
            message: introduction.message, coordinatorNote: introduction.coordinatorNote.isEmpty ? nil : introduction.coordinatorNote,
            requested: site.formatDate(introduction.requestedAt, context, withTime: true),
            contactsShared: detail.requester.email != nil,
            mayReview: detail.mayReview, mayAnswer: detail.mayAnswer, mayFollowUp: detail.mayFollowUp,
            reviewAction: Paths.introductionReview.href(id), answerAction: Paths.introductionAnswer.href(id),
            outcomeAction: Paths.introductionOutcomes.href(id), messageAction: Paths.introductionMessages.href(id),
            outcomes: detail.outcomes.map {
                .init(
                    kind: site.t("outcome." + $0.kind.rawValue, context), on: site.formatDate($0.on, context), note: $0.note.isEmpty ? nil : $0.note)
            },
            outcomeKinds: OutcomeKind.allCases.map { Option(value: $0.rawValue, label: site.t("outcome." + $0.rawValue, context), selected: false) },
            today: site.dayValue(site.now()),
            messages: detail.messages.map { message in
                .init(
                    author: names.first { $0.id == message.authorID }?.name ?? "", at: site.formatDate(message.at, context, withTime: true),
                    body: message.body, mine: message.authorID == me)
            },
            errors: errors
        )
        return site.render(model, title: site.t("introduction.title", context), request, context, status: status)
    }
}
