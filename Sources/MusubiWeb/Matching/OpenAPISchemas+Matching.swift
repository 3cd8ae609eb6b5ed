import MusubiCore

/// Schemas of the matching tools: people as candidates, pins, suggestions, the funnel and bulk matching.
extension OpenAPISchemas {
    static var matching: [String: Any] {
        [
            "PersonRef": object(["id": id, "name": string, "title": string, "organization": string, "fieldIds": ids], required: ["id", "name"]),
            "PersonCandidate": object(
                ["person": ref("PersonRef"), "score": ["type": "number"], "reasons": ["type": "array", "items": ref("Reason")]],
                required: ["person", "score", "reasons"]),
            "PersonCandidateList": list(of: "PersonCandidate"),
            "PersonMatches": object(
                ["listings": ["type": "array", "items": ref("Candidate")], "people": ["type": "array", "items": ref("PersonCandidate")]],
                required: ["listings", "people"]),
            "Pin": object(
                [
                    "id": id, "memberId": id, "listingId": nullableID, "personId": nullableID, "note": string, "pinnedBy": nullableID,
                    "pinnedAt": date,
                ],
                required: ["id", "memberId", "note", "pinnedAt"]),
            "PinInput": input(
                ["memberId": id, "listingId": nullableID, "personId": nullableID, "note": text(Suggestions.noteLimit, multiline: true)],
                required: ["memberId"]),
            "Suggestion": object(
                [
                    "listing": ref("Listing"), "person": ref("PersonRef"), "score": ["type": ["number", "null"]],
                    "reasons": ["type": "array", "items": ref("Reason")], "pin": ref("Pin"),
                ], required: ["reasons"]),
            "SuggestionList": list(of: "Suggestion"),
            "CommunitySuggestion": object(
                ["memberId": id, "memberName": string, "suggestion": ref("Suggestion")], required: ["memberId", "suggestion"]),
            "CommunitySuggestionList": list(of: "CommunitySuggestion"),
            "FunnelStage": object(
                [
                    "key": ["type": ["string", "null"]], "seeds": count, "needs": count, "candidateViews": count, "requested": count,
                    "approved": count,
                    "accepted": count, "withOutcome": count, "crossField": count,
                ], required: ["seeds", "needs", "candidateViews", "requested", "approved", "accepted", "withOutcome", "crossField"]),
            "Funnel": object(
                [
                    "total": ref("FunnelStage"), "byField": ["type": "array", "items": ref("FunnelStage")],
                    "bySector": ["type": "array", "items": ref("FunnelStage")], "outcomes": ["type": "object", "additionalProperties": count],
                ], required: ["total", "byField", "bySector", "outcomes"]),
            "NeedsFile": [
                "type": "array", "minItems": 1, "maxItems": Matchmaking.bulkLimit,
                "items": input(
                    [
                        "id": ["type": ["string", "number"], "minLength": 1, "description": "Unique in the file"],
                        "title": ["type": "string", "minLength": 1], "body": string,
                        "fields": ["type": ["array", "string"], "items": string, "description": "A list, or one text separated by ; or 、"],
                        "sector": enumeration(Sector.allCases.map(\.rawValue) + [""]),
                        "organization": string,
                    ], required: ["id", "title"]),
            ],
            "BulkMatch": object(["needId": string, "seeds": ["type": "array", "items": ref("Candidate")]], required: ["needId", "seeds"]),
            "BulkMatchList": list(of: "BulkMatch"),
        ]
    }
}
