import Foundation
import Hummingbird
import MusubiCore

/// Which introductions a list shows: one's own, those waiting for a coordinator, or all.
enum IntroductionBox: String, CaseIterable {
    case mine, queue, all
}

/// The API for introductions.
extension APIHandlers {
    func introductions(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let box = IntroductionBox(rawValue: query["box"]) ?? .mine
        let page = try await site.introductions.list(
            context.actor, everyone: box != .mine, statuses: box == .queue ? [.requested] : [],
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
        try await site.introductions.review(
            context.actor, id: try context.parameters.require("id", as: Int64.self), approve: input.decision == "approve", note: input.note ?? "")
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
        let outcome = try await site.introductions.recordOutcome(
            context.actor, id: try context.parameters.require("id", as: Int64.self), kind: input.kind, on: day, note: input.note ?? "")
        return JSON.response(
            IntroductionDTO.OutcomeDTO(id: outcome.id, kind: outcome.kind, on: outcome.on, note: outcome.note, recordedBy: outcome.recordedBy),
            status: .created)
    }

    func postIntroductionMessage(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(MessageInput.self, from: request)
        let message = try await site.introductions.post(context.actor, id: try context.parameters.require("id", as: Int64.self), body: input.body)
        return JSON.response(
            IntroductionDTO.MessageDTO(id: message.id, authorId: message.authorID, body: message.body, at: message.at), status: .created)
    }
}
