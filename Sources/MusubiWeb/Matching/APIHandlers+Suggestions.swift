import Foundation
import Hummingbird
import MusubiCore

/// The API for person candidates, mix suggestions and pins, the funnel and bulk matching.
extension APIHandlers {
    func listingPeople(_ request: Request, _ context: Context) async throws -> Response {
        let limit = try FormData.query(of: request).int("limit") ?? 5
        let found = try await site.matchmaking.people(context.actor, listingID: try context.parameters.require("id", as: Int64.self), limit: limit)
        return JSON.response(["items": found.map(PersonCandidateDTO.init)])
    }

    func memberCandidates(_ request: Request, _ context: Context) async throws -> Response {
        let limit = try FormData.query(of: request).int("limit") ?? 10
        let found = try await site.matchmaking.candidates(context.actor, memberID: try context.parameters.require("id", as: Int64.self), limit: limit)
        let showsOwner = Self.showsOwners(context)
        return JSON.response(
            PersonMatchesDTO(
                listings: found.listings.map { CandidateDTO($0, showsOwner: showsOwner) }, people: found.people.map(PersonCandidateDTO.init)
            ))
    }

    func suggestions(_ request: Request, _ context: Context) async throws -> Response {
        let limit = try FormData.query(of: request).int("limit") ?? 8
        let found = try await site.suggestions.mine(context.actor, limit: limit)
        return JSON.response(["items": found.map { SuggestionDTO($0, showsOwner: Self.showsOwners(context)) }])
    }

    func communitySuggestions(_ request: Request, _ context: Context) async throws -> Response {
        let limit = try FormData.query(of: request).int("limit") ?? 30
        let found = try await site.suggestions.community(context.actor, limit: limit)
        return JSON.response([
            "items": found.map {
                CommunitySuggestionDTO(memberId: $0.member.id, memberName: $0.member.name, suggestion: SuggestionDTO($0.suggestion, showsOwner: true))
            }
        ])
    }

    func pinSuggestion(_ request: Request, _ context: Context) async throws -> Response {
        let input = try await JSON.decode(PinInput.self, from: request)
        let subject: MatchSubject
        switch (input.listingId, input.personId) {
        case (let listing?, nil): subject = .listing(listing)
        case (nil, let person?): subject = .person(person)
        default: throw MusubiError.invalid("subject", "error.suggestion_subject")
        }
        let pin = try await site.suggestions.pin(context.actor, memberID: input.memberId, subject: subject, note: input.note ?? "")
        return JSON.response(PinDTO(pin), status: .created)
    }

    func unpinSuggestion(_ request: Request, _ context: Context) async throws -> Response {
        try await site.suggestions.unpin(context.actor, pinID: try context.parameters.require("id", as: Int64.self))
        return Response(status: .noContent)
    }

    func funnel(_ request: Request, _ context: Context) async throws -> Response {
        JSON.response(FunnelDTO(try await site.funnel.report(context.actor)))
    }

    /// The body is the needs file itself, as `musubi match` and the upload page read it: a
    /// JSON array of objects or a CSV table.
    func bulkMatch(_ request: Request, _ context: Context) async throws -> Response {
        try Policy.require(context.actor, .view, .matchingTools)
        let top = try FormData.query(of: request).int("top") ?? 10
        let buffer = try await request.collectBody(upTo: 5 * 1024 * 1024)
        let needs: [MatchDocument]
        do {
            needs = try MatchDocumentFile.read(Data(buffer.readableBytesView), kind: .need)
        } catch let refused as MatchDocumentFile.Refused {
            // Every problem, by entry, as the command line reports them: the file was read and
            // could not be used (422), as any other input that breaks a rule.
            return APIError(status: .unprocessableContent, code: "error.needs_file", message: refused.description, problems: []).response()
        }
        let results = try await site.matchmaking.bestSeeds(context.actor, for: needs, top: top)
        return JSON.response(["items": results.map { BulkMatchDTO(needId: $0.need.id, seeds: $0.seeds.map { CandidateDTO($0, showsOwner: true) }) }])
    }
}
