import Hummingbird
import MusubiCore

extension APIHandlers {
    /// Seeds and needs, and their candidates.
    var listingOperations: [APIOperation] {
        [
            .init(
                method: .get, path: .init("/api/v1/listings"), id: "listListings", summary: "Search seeds and needs (visitors see public ones)",
                access: .anyone,
                query: [.q, .choice("kind", ListingKind.self), .field, .sector, .choice("status", ListingStatus.self), .boolean("mine")]
                    + QueryParameter.paging, responseSchema: "ListingPage",
                handler: listings),
            .init(
                method: .post, path: .init("/api/v1/listings"), id: "postListing", summary: "Post a seed or a need", access: .signedIn,
                requestSchema: "ListingInput", responseSchema: "Listing", status: 201, handler: postListing),
            .init(
                method: .get, path: .init("/api/v1/listings/{id}"), id: "getListing",
                summary: "One listing; details only for those the disclosure level admits", access: .anyone, responseSchema: "Listing",
                handler: listing),
            .init(
                method: .patch, path: .init("/api/v1/listings/{id}"), id: "editListing", summary: "Edit one's listing (coordinators any)",
                access: .signedIn, requestSchema: "ListingInput", responseSchema: "Listing", handler: editListing),
            .init(
                method: .put, path: .init("/api/v1/listings/{id}/status"), id: "setListingStatus", summary: "Open, in discussion, matched or closed",
                access: .signedIn, requestSchema: "ListingStatusInput", status: 204, handler: setListingStatus),
            .init(
                method: .get, path: .init("/api/v1/listings/{id}/candidates"), id: "listCandidates",
                summary: "Ranked match candidates with reasons, among what the caller may see", access: .anyone, query: [.limit(50)],
                responseSchema: "CandidateList", handler: candidates),
            .init(
                method: .get, path: .init("/api/v1/listings/{id}/people"), id: "listListingPeople",
                summary: "People whose profile offers what the listing seeks, or seeks what it offers", access: .signedIn, query: [.limit(50)],
                responseSchema: "PersonCandidateList", handler: listingPeople),
        ]
    }
}
