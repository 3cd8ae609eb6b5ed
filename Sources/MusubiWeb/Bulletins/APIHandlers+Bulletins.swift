import Foundation
import Hummingbird
import MusubiCore

/// The API for bulletins and funding calls.
extension APIHandlers {
    func bulletins(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        var filters = try BulletinHandlers.filters(query, fundingCalls: false, pageSize: 50)
        filters.page = try Self.pageRequest(query, size: 50)
        return JSON.response(PageDTO(try await site.bulletins.list(context.actor, filters), BulletinDTO.init))
    }

    func fundingCallApplicants(_ request: Request, _ context: Context) async throws -> Response {
        let found = try await site.bulletins.couldApply(context.actor, id: try context.parameters.require("id", as: Int64.self))
        let showsOwner = Self.showsOwners(context)
        return JSON.response(
            PersonMatchesDTO(
                listings: found.listings.map { CandidateDTO($0, showsOwner: showsOwner) }, people: found.people.map(PersonCandidateDTO.init)))
    }

    func bulletin(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(BulletinDTO(try await site.bulletins.show(context.actor, id: try context.parameters.require("id", as: Int64.self))))
    }

    func publishBulletin(_ request: Request, _ context: Context) async throws -> Response {
        let draft = try draft(try await JSON.decode(BulletinInput.self, from: request))
        let bulletin = try await site.bulletins.publish(context.actor, draft, opening: BulletinFormHandlers(site: site).opening(context))
        return JSON.response(BulletinDTO(try await site.bulletins.show(context.actor, id: bulletin.id)), status: .created)
    }

    func editBulletin(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        try await site.bulletins.edit(context.actor, id: id, try draft(try await JSON.decode(BulletinInput.self, from: request)))
        return JSON.response(BulletinDTO(try await site.bulletins.show(context.actor, id: id)))
    }

    func removeBulletin(_ request: Request, _ context: Context) async throws -> Response {
        try await site.bulletins.remove(context.actor, id: try context.parameters.require("id", as: Int64.self))
        return Response(status: .noContent)
    }

    func saveFundingCall(_ request: Request, _ context: Context) async throws -> Response {
        try await site.bulletins.save(context.actor, id: try context.parameters.require("id", as: Int64.self), saved: true)
        return Response(status: .noContent)
    }

    func unsaveFundingCall(_ request: Request, _ context: Context) async throws -> Response {
        try await site.bulletins.save(context.actor, id: try context.parameters.require("id", as: Int64.self), saved: false)
        return Response(status: .noContent)
    }

    /// Times in RFC 3339; every unreadable one named at once.
    private func draft(_ input: BulletinInput) throws -> BulletinDraft {
        var problems: [MusubiError.Problem] = []
        func moment(_ field: String, _ text: String?) -> Date? {
            guard let text, !text.isEmpty else { return nil }
            guard let date = QueryParameter.dateTime(text) else {
                problems.append(.init(field: field, key: "error.date_time"))
                return nil
            }
            return date
        }
        var funding: FundingDetails?
        if let given = input.funding {
            var opensOn: Date?
            if let day = given.opensOn, !day.isEmpty {
                opensOn = site.day(day)
                if opensOn == nil { problems.append(.init(field: "opensOn", key: "error.date")) }
            }
            funding = FundingDetails(
                funderOrganizationID: given.funderOrganizationId, funderName: given.funderName ?? "", programme: given.programme ?? "",
                amountMin: given.amountMin, amountMax: given.amountMax, eligibility: given.eligibility ?? "",
                eligibleSectors: given.eligibleSectors ?? [], opensOn: opensOn, deadline: moment("deadline", given.deadline) ?? .distantPast,
                link: given.link ?? "")
        }
        let draft = BulletinDraft(
            kind: input.kind, title: input.title, body: input.body, fieldIDs: input.fieldIds ?? [], visibility: input.visibility ?? .members,
            targets: BulletinTargets(sectors: input.targetSectors ?? [], fieldIDs: input.targetFieldIds ?? [], groupIDs: input.targetGroupIds ?? []),
            publishAt: moment("publishAt", input.publishAt), expiresAt: moment("expiresAt", input.expiresAt), pinned: input.pinned ?? false,
            funding: funding, discussIn: input.discussIn)
        if !problems.isEmpty { throw MusubiError.invalid(problems) }
        return draft
    }
}
