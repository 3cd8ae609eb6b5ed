import Hummingbird
import MusubiCore

extension APIHandlers {
    /// Bulletins and funding calls.
    var bulletinOperations: [APIOperation] {
        [
            .init(
                method: .get, path: .init("/api/v1/bulletins"), id: "listBulletins",
                summary:
                    "The bulletins for the caller (visitors see public ones); open=true: funding calls still open, by deadline; saved=true: the calls one saved; fits=true (with kind=funding_call): the calls that fit the caller's fields and sector",
                access: .anyone,
                query: [.choice("kind", BulletinKind.self), .field, .boolean("open"), .boolean("saved"), .boolean("fits")] + QueryParameter.paging,
                responseSchema: "BulletinPage", handler: bulletins),
            .init(
                method: .post, path: .init("/api/v1/bulletins"), id: "publishBulletin",
                summary: "Publish a bulletin or funding call, now or at publishAt", access: .coordinator, requestSchema: "BulletinInput",
                responseSchema: "Bulletin", status: 201, handler: publishBulletin),
            .init(
                method: .get, path: .init("/api/v1/bulletins/{id}"), id: "getBulletin", summary: "One bulletin the caller may read",
                access: .anyone, responseSchema: "Bulletin", handler: bulletin),
            .init(
                method: .put, path: .init("/api/v1/bulletins/{id}"), id: "editBulletin", summary: "Edit a bulletin (readers are not told again)",
                access: .coordinator, requestSchema: "BulletinInput", responseSchema: "Bulletin", handler: editBulletin),
            .init(
                method: .delete, path: .init("/api/v1/bulletins/{id}"), id: "removeBulletin", summary: "Take a bulletin down",
                access: .coordinator, status: 204, handler: removeBulletin),
            .init(
                method: .get, path: .init("/api/v1/bulletins/{id}/applicants"), id: "fundingCallApplicants",
                summary: "Who here could apply for a funding call: people and seeds the matching engine finds for it, within its eligible sectors",
                access: .coordinator, responseSchema: "PersonMatches", handler: fundingCallApplicants),
            .init(
                method: .put, path: .init("/api/v1/bulletins/{id}/saved"), id: "saveFundingCall",
                summary: "Save a funding call: reminders 14 and 3 days before its deadline", access: .signedIn, status: 204, handler: saveFundingCall),
            .init(
                method: .delete, path: .init("/api/v1/bulletins/{id}/saved"), id: "unsaveFundingCall", summary: "Stop saving a funding call",
                access: .signedIn, status: 204, handler: unsaveFundingCall),
        ]
    }
}
