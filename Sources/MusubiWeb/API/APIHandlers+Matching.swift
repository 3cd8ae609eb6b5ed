import Foundation
import Hummingbird
import MusubiCore

/// The API for seeds and needs, their candidates, and introductions.
extension APIHandlers {
    func listings(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let filters = ListingPages.filters(query, pageSize: query.int("pageSize") ?? 30)
        return JSON.response(PageDTO(try await site.listings.browse(context.actor, filters)) { ListingDTO($0, showsOwner: Self.showsOwners(context)) })
    }

    func listing(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(try await shown(try context.parameters.require("id", as: Int64.self), context))
    }

    func postListing(_ request: Request, _ context: Context) async throws -> Response {
        let draft = try draft(try await JSON.decode(ListingInput.self, from: request))
        let listing = try await site.listings.post(context.actor, draft)
        return JSON.response(try await shown(listing.id, context), status: .created)
    }

    func editListing(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let draft = try draft(try await JSON.decode(ListingInput.self, from: request))
        try await site.listings.edit(context.actor, id: id, draft)
        return JSON.response(try await shown(id, context))
    }

    func setListingStatus(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(ListingStatusInput.self, from: request)
        try await site.listings.setStatus(context.actor, id: try context.parameters.require("id", as: Int64.self), to: input.status)
        return Response(status: .noContent)
    }

    func candidates(_ request: Request, _ context: Context) async throws -> Response {
        let limit = min(50, max(1, try FormData.query(of: request).int("limit") ?? 10))
        let found = try await site.matchmaking.candidates(context.actor, listingID: try context.parameters.require("id", as: Int64.self), limit: limit)
        return JSON.response(["items": found.map { CandidateDTO($0, showsOwner: Self.showsOwners(context)) }])
    }

    func introductions(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let box = query["box"].isEmpty ? "mine" : query["box"]
        guard ["mine", "queue", "all"].contains(box) else { throw MusubiError.invalid("box", "error.introduction_box") }
        let page = try await site.introductions.list(
            context.actor, everyone: box != "mine", statuses: box == "queue" ? [.requested] : [],
            page: Self.pageRequest(query, size: 50)
        )
        return JSON.response(PageDTO(page, IntroductionDTO.init))
    }

    func introduction(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(IntroductionDTO(try await site.introductions.show(context.actor, id: try context.parameters.require("id", as: Int64.self))))
    }

    func requestIntroduction(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(IntroductionInput.self, from: request)
        let target: Introductions.Target
        switch (input.listingId, input.memberId) {
        case (let listing?, nil): target = .listing(listing)
        case (nil, let member?): target = .member(member)
        default: throw MusubiError.invalid("target", "error.introduction_target")
        }
        let introduction = try await site.introductions.request(context.actor, to: target, message: input.message)
        return JSON.response(IntroductionDTO(try await site.introductions.show(context.actor, id: introduction.id)), status: .created)
    }

    func reviewIntroduction(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(ReviewInput.self, from: request)
        guard ["approve", "decline"].contains(input.decision) else { throw MusubiError.invalid("decision", "error.introduction_decision") }
        try await site.introductions.review(context.actor, id: try context.parameters.require("id", as: Int64.self), approve: input.decision == "approve", note: input.note ?? "")
        return Response(status: .noContent)
    }

    func answerIntroduction(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(AnswerInput.self, from: request)
        guard ["accept", "refuse"].contains(input.answer) else { throw MusubiError.invalid("answer", "error.introduction_answer") }
        try await site.introductions.answer(context.actor, id: try context.parameters.require("id", as: Int64.self), accept: input.answer == "accept")
        return Response(status: .noContent)
    }

    func recordOutcome(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(OutcomeInput.self, from: request)
        guard let day = site.day(input.on) else { throw MusubiError.invalid("on", "error.date") }
        let outcome = try await site.introductions.recordOutcome(context.actor, id: try context.parameters.require("id", as: Int64.self), kind: input.kind, on: day, note: input.note ?? "")
        return JSON.response(IntroductionDTO.OutcomeDTO(id: outcome.id, kind: outcome.kind, on: outcome.on, note: outcome.note, recordedBy: outcome.recordedBy), status: .created)
    }

    func postIntroductionMessage(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(MessageInput.self, from: request)
        let message = try await site.introductions.post(context.actor, id: try context.parameters.require("id", as: Int64.self), body: input.body)
        return JSON.response(IntroductionDTO.MessageDTO(id: message.id, authorId: message.authorID, body: message.body, at: message.at), status: .created)
    }

    private func shown(_ id: Int64, _ context: Context) async throws -> ListingDTO {
        ListingDTO(try await site.listings.show(context.actor, id: id), showsOwner: Self.showsOwners(context))
    }

    /// Who posted a listing is for those who may see people.
    static func showsOwners(_ context: Context) -> Bool {
        Policy.can(context.actor, .list, .members)
    }

    private func draft(_ input: ListingInput) throws -> ListingDraft {
        var expiresOn: Date?
        if let day = input.expiresOn, !day.isEmpty {
            guard let end = site.endOfDay(day) else { throw MusubiError.invalid("expiresOn", "error.date") }
            expiresOn = end
        }
        return ListingDraft(
            kind: input.kind, title: input.title, summary: input.summary, details: input.details ?? "", fieldIDs: input.fieldIds ?? [],
            keywords: input.keywords ?? [], partnerSectors: input.partnerSectors ?? [], stage: input.stage ?? .research,
            prefectureCode: input.prefectureCode, expiresOn: expiresOn, disclosure: input.disclosure ?? .members, disclosedTo: input.disclosedTo ?? []
        )
    }
}
