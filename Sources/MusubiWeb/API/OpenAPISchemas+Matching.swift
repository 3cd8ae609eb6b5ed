import MusubiCore

/// Schemas of seeds and needs, candidates and introductions.
extension OpenAPISchemas {
    private static var day: [String: Any] { ["type": "string", "format": "date"] }

    static var matching: [String: Any] {
        [
            "Listing": object([
                "id": id, "kind": values(ListingKind.self), "title": string, "summary": string,
                "details": ["type": ["string", "null"], "description": "Absent unless the caller may read the details"],
                "fieldIds": ids, "keywords": strings, "partnerSectors": ["type": "array", "items": sector], "stage": values(ListingStage.self),
                "prefectureCode": string, "expiresAt": date, "disclosure": values(Disclosure.self), "disclosedTo": ids,
                "status": values(ListingStatus.self), "ownerId": id, "organizationId": nullableID, "sector": sector,
                "editable": ["type": "boolean"], "createdAt": date, "updatedAt": date,
            ], required: ["id", "kind", "title", "summary", "status", "disclosure"]),
            "ListingPage": page(of: "Listing"),
            "ListingInput": object([
                "kind": values(ListingKind.self), "title": string, "summary": string, "details": string, "fieldIds": ids, "keywords": strings,
                "partnerSectors": ["type": "array", "items": sector], "stage": values(ListingStage.self), "prefectureCode": string,
                "expiresOn": day, "disclosure": values(Disclosure.self), "disclosedTo": ids,
            ], required: ["kind", "title", "summary"]),
            "ListingStatusInput": object(["status": values(ListingStatus.self)], required: ["status"]),
            "Reason": object([
                "type": enumeration(["sharedConcepts", "relatedConcepts", "sharedTerms", "sameField", "bridgesFields", "complementarySectors"]),
                "values": strings, "valuesEn": strings,
            ], required: ["type", "values"]),
            "Candidate": object(["listing": ref("Listing"), "score": ["type": "number"], "reasons": ["type": "array", "items": ref("Reason")]],
                                required: ["listing", "score", "reasons"]),
            "CandidateList": list(of: "Candidate"),
            "Party": object(["id": id, "name": string, "organization": string, "email": string], required: ["id", "name"]),
            "Outcome": object(["id": id, "kind": values(OutcomeKind.self), "on": date, "note": string, "recordedBy": id], required: ["id", "kind", "on"]),
            "ThreadMessage": object(["id": id, "authorId": id, "body": string, "at": date], required: ["id", "authorId", "body", "at"]),
            "Introduction": object([
                "id": id, "status": values(IntroductionStatus.self), "requesterId": id, "recipientId": id, "listingId": nullableID,
                "message": string, "coordinatorId": nullableID, "coordinatorNote": string, "requestedAt": date, "reviewedAt": date,
                "answeredAt": date, "requester": ref("Party"), "recipient": ref("Party"),
                "outcomes": ["type": "array", "items": ref("Outcome")], "messages": ["type": "array", "items": ref("ThreadMessage")],
            ], required: ["id", "status", "requesterId", "recipientId", "message"]),
            "IntroductionPage": page(of: "Introduction"),
            "IntroductionInput": object(["listingId": nullableID, "memberId": nullableID, "message": string], required: ["message"]),
            "ReviewInput": object(["decision": enumeration(["approve", "decline"]), "note": string], required: ["decision"]),
            "AnswerInput": object(["answer": enumeration(["accept", "refuse"])], required: ["answer"]),
            "OutcomeInput": object(["kind": values(OutcomeKind.self), "on": day, "note": string], required: ["kind", "on"]),
            "MessageInput": object(["body": string], required: ["body"]),
            "PersonRef": object(["id": id, "name": string, "title": string, "organization": string, "fieldIds": ids], required: ["id", "name"]),
            "PersonCandidate": object(["person": ref("PersonRef"), "score": ["type": "number"], "reasons": ["type": "array", "items": ref("Reason")]],
                                      required: ["person", "score", "reasons"]),
            "PersonCandidateList": list(of: "PersonCandidate"),
            "PersonMatches": object(["listings": ["type": "array", "items": ref("Candidate")], "people": ["type": "array", "items": ref("PersonCandidate")]],
                                    required: ["listings", "people"]),
            "Pin": object(["id": id, "memberId": id, "listingId": nullableID, "personId": nullableID, "note": string, "pinnedBy": nullableID, "pinnedAt": date],
                          required: ["id", "memberId", "note", "pinnedAt"]),
            "PinInput": object(["memberId": id, "listingId": nullableID, "personId": nullableID, "note": string], required: ["memberId"]),
            "Suggestion": object([
                "listing": ref("Listing"), "person": ref("PersonRef"), "score": ["type": ["number", "null"]],
                "reasons": ["type": "array", "items": ref("Reason")], "pin": ref("Pin"),
            ], required: ["reasons"]),
            "SuggestionList": list(of: "Suggestion"),
            "CommunitySuggestion": object(["memberId": id, "memberName": string, "suggestion": ref("Suggestion")], required: ["memberId", "suggestion"]),
            "CommunitySuggestionList": list(of: "CommunitySuggestion"),
            "FunnelStage": object([
                "key": ["type": ["string", "null"]], "seeds": count, "needs": count, "candidateViews": count, "requested": count, "approved": count,
                "accepted": count, "withOutcome": count, "crossField": count,
            ], required: ["seeds", "needs", "candidateViews", "requested", "approved", "accepted", "withOutcome", "crossField"]),
            "Funnel": object([
                "total": ref("FunnelStage"), "byField": ["type": "array", "items": ref("FunnelStage")],
                "bySector": ["type": "array", "items": ref("FunnelStage")], "outcomes": ["type": "object", "additionalProperties": count],
            ], required: ["total", "byField", "bySector", "outcomes"]),
            "NeedsFile": ["type": "array", "items": object([
                "id": string, "title": string, "body": string, "fields": strings, "sector": sector, "organization": string,
            ], required: ["id", "title"])],
            "BulkMatch": object(["needId": string, "seeds": ["type": "array", "items": ref("Candidate")]], required: ["needId", "seeds"]),
            "BulkMatchList": list(of: "BulkMatch"),
        ]
    }
}
