import MusubiCore

/// Schemas of introductions.
extension OpenAPISchemas {
    static var introductions: [String: Any] {
        [
            "Party": object(["id": id, "name": string, "organization": string, "email": string], required: ["id", "name"]),
            "Outcome": object(
                ["id": id, "kind": values(OutcomeKind.self), "on": date, "note": string, "recordedBy": id], required: ["id", "kind", "on"]),
            "ThreadMessage": object(["id": id, "authorId": id, "body": string, "at": date], required: ["id", "authorId", "body", "at"]),
            "Introduction": object(
                [
                    "id": id, "status": values(IntroductionStatus.self), "requesterId": id, "recipientId": id, "listingId": nullableID,
                    "message": string, "coordinatorId": nullableID, "coordinatorNote": string, "requestedAt": date, "reviewedAt": date,
                    "answeredAt": date, "requester": ref("Party"), "recipient": ref("Party"),
                    "outcomes": ["type": "array", "items": ref("Outcome")], "messages": ["type": "array", "items": ref("ThreadMessage")],
                ], required: ["id", "status", "requesterId", "recipientId", "message"]),
            "IntroductionPage": page(of: "Introduction"),
            "IntroductionInput": input(
                [
                    "listingId": nullableID, "memberId": nullableID,
                    "message": text(Introductions.limits.message, multiline: true, required: true),
                ], required: ["message"]),
            "ReviewInput": input(
                ["decision": enumeration(["approve", "decline"]), "note": text(Introductions.limits.note, multiline: true)], required: ["decision"]),
            "AnswerInput": input(["answer": enumeration(["accept", "refuse"])], required: ["answer"]),
            "OutcomeInput": input(
                ["kind": values(OutcomeKind.self), "on": day(optional: false), "note": text(Introductions.limits.outcomeNote, multiline: true)],
                required: ["kind", "on"]),
            "MessageInput": input(["body": text(MessageText.limit, multiline: true)], required: ["body"]),
        ]
    }
}
