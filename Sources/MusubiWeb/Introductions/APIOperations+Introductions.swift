import Hummingbird
import MusubiCore

extension APIHandlers {
    /// Introductions, from the request to what came of them.
    var introductionOperations: [APIOperation] {
        [
            .init(
                method: .get, path: .init("/api/v1/introductions"), id: "listIntroductions",
                summary: "One's introductions (box=mine), or for coordinators the queue (box=queue) or all", access: .signedIn,
                query: [.choice("box", IntroductionBox.self)] + QueryParameter.paging, responseSchema: "IntroductionPage", handler: introductions),
            .init(
                method: .post, path: .init("/api/v1/introductions"), id: "requestIntroduction",
                summary: "Ask to be introduced to a listing's owner or a person", access: .signedIn, requestSchema: "IntroductionInput",
                responseSchema: "Introduction", status: 201, handler: requestIntroduction),
            .init(
                method: .get, path: .init("/api/v1/introductions/{id}"), id: "getIntroduction",
                summary: "One introduction; contacts and thread once both sides agreed", access: .signedIn, responseSchema: "Introduction",
                handler: introduction),
            .init(
                method: .post, path: .init("/api/v1/introductions/{id}/review"), id: "reviewIntroduction",
                summary: "A coordinator approves or declines a request", access: .coordinator, requestSchema: "ReviewInput", status: 204,
                handler: reviewIntroduction),
            .init(
                method: .post, path: .init("/api/v1/introductions/{id}/answer"), id: "answerIntroduction",
                summary: "The other side accepts or refuses an approved request", access: .signedIn, requestSchema: "AnswerInput", status: 204,
                handler: answerIntroduction),
            .init(
                method: .post, path: .init("/api/v1/introductions/{id}/outcomes"), id: "recordOutcome",
                summary: "Record what came of an accepted introduction", access: .signedIn, requestSchema: "OutcomeInput", responseSchema: "Outcome",
                status: 201, handler: recordOutcome),
            .init(
                method: .post, path: .init("/api/v1/introductions/{id}/messages"), id: "postIntroductionMessage",
                summary: "Write in an accepted introduction's private thread", access: .signedIn, requestSchema: "MessageInput",
                responseSchema: "ThreadMessage", status: 201, handler: postIntroductionMessage),
        ]
    }
}
