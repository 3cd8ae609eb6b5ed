import Foundation
import Hummingbird
import MusubiCore

/// The API for seeds and needs and their candidates.
extension APIHandlers {
    func listings(_ request: Request, _ context: Context) async throws -> Response {
        let query = try FormData.query(of: request)
        let filters = try ListingHandlers.filters(query, pageSize: try query.int("pageSize") ?? 30)
        return JSON.response(
            PageDTO(try await site.listings.browse(context.actor, filters)) { ListingDTO($0, showsOwner: Self.showsOwners(context)) })
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
        let limit = try FormData.query(of: request).int("limit") ?? 10
        let found = try await site.matchmaking.candidates(
            context.actor, listingID: try context.parameters.require("id", as: Int64.self), limit: limit)
        return JSON.response(["items": found.map { CandidateDTO($0, showsOwner: Self.showsOwners(context)) }])
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
