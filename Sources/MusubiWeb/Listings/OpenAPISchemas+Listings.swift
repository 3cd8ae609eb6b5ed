import MusubiCore

/// Schemas of seeds and needs and their candidates.
extension OpenAPISchemas {
    static var listings: [String: Any] {
        [
            "Listing": object(
                [
                    "id": id, "kind": values(ListingKind.self), "title": string, "summary": string,
                    "details": ["type": ["string", "null"], "description": "Absent unless the caller may read the details"],
                    "fieldIds": ids, "keywords": strings, "partnerSectors": ["type": "array", "items": sector], "stage": values(ListingStage.self),
                    "prefectureCode": string, "expiresAt": date, "disclosure": values(Disclosure.self), "disclosedTo": ids,
                    "status": values(ListingStatus.self), "ownerId": id, "organizationId": nullableID, "sector": sector,
                    "editable": ["type": "boolean"], "createdAt": date, "updatedAt": date,
                ], required: ["id", "kind", "title", "summary", "status", "disclosure"]),
            "ListingPage": page(of: "Listing"),
            "ListingInput": object(
                [
                    "kind": values(ListingKind.self), "title": string, "summary": string, "details": string, "fieldIds": ids, "keywords": strings,
                    "partnerSectors": ["type": "array", "items": sector], "stage": values(ListingStage.self), "prefectureCode": string,
                    "expiresOn": day, "disclosure": values(Disclosure.self), "disclosedTo": ids,
                ], required: ["kind", "title", "summary"]),
            "ListingStatusInput": object(["status": values(ListingStatus.self)], required: ["status"]),
            "Reason": object(
                [
                    "type": enumeration(["sharedConcepts", "relatedConcepts", "sharedTerms", "sameField", "bridgesFields", "complementarySectors"]),
                    "values": strings, "valuesEn": strings,
                ], required: ["type", "values"]),
            "Candidate": object(
                ["listing": ref("Listing"), "score": ["type": "number"], "reasons": ["type": "array", "items": ref("Reason")]],
                required: ["listing", "score", "reasons"]),
            "CandidateList": list(of: "Candidate"),
        ]
    }
}
