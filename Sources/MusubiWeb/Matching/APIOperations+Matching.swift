import Hummingbird
import MusubiCore

extension APIHandlers {
    /// A person's candidates, mix suggestions and pins, the funnel and bulk matching.
    var matchingOperations: [APIOperation] {
        [
            .init(
                method: .get, path: .init("/api/v1/members/{id}/candidates"), id: "listMemberCandidates",
                summary: "A person's match candidates: listings and people for what they offer and seek", access: .signedIn, query: [.limit(50)],
                responseSchema: "PersonMatches", handler: memberCandidates),
            .init(
                method: .get, path: .init("/api/v1/suggestions"), id: "listSuggestions",
                summary: "One's mix suggestions (other fields, never met, bridged by a concept), pinned ones first", access: .signedIn,
                query: [.limit(20)], responseSchema: "SuggestionList", handler: suggestions),
            .init(
                method: .get, path: .init("/api/v1/suggestions/community"), id: "listCommunitySuggestions",
                summary: "Each member's best mix suggestion, best first", access: .coordinator, query: [.limit(100)],
                responseSchema: "CommunitySuggestionList", handler: communitySuggestions),
            .init(
                method: .post, path: .init("/api/v1/suggestions/pins"), id: "pinSuggestion",
                summary: "Pin a listing or a person as a suggestion for a member", access: .coordinator, requestSchema: "PinInput",
                responseSchema: "Pin", status: 201, handler: pinSuggestion),
            .init(
                method: .delete, path: .init("/api/v1/suggestions/pins/{id}"), id: "unpinSuggestion", summary: "Take a pin off", access: .coordinator,
                status: 204, handler: unpinSuggestion),
            .init(
                method: .get, path: .init("/api/v1/funnel"), id: "getFunnel", summary: "The matching funnel, by field and by sector",
                access: .coordinator, responseSchema: "Funnel", handler: funnel),
            .init(
                method: .post, path: .init("/api/v1/matching/bulk"), id: "bulkMatch",
                summary: "The best seeds for each of a batch of needs (a JSON array as in the schema, or CSV with those columns)",
                access: .coordinator, query: [.integer("top", Int64(Matchmaking.bulkTop.lowerBound)...Int64(Matchmaking.bulkTop.upperBound))],
                requestSchema: "NeedsFile", acceptsCSV: true, responseSchema: "BulkMatchList",
                handler: bulkMatch),
        ]
    }
}
