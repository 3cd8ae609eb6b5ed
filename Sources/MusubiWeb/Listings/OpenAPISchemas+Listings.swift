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
            "ListingInput": input(
                [
                    "kind": values(ListingKind.self), "title": text(Listings.limits.title, required: true),
                    "summary": text(Listings.limits.summary, multiline: true, required: true),
                    "details": text(Listings.limits.details, multiline: true), "fieldIds": fieldIDs,
                    "keywords": words(Listings.limits.keywords, each: Listings.limits.keyword),
                    "partnerSectors": array(of: sector), "stage": values(ListingStage.self), "prefectureCode": prefecture(optional: true),
                    "expiresOn": day(optional: true), "disclosure": values(Disclosure.self),
                    "disclosedTo": ids.merging(["description": "Organisations, when the disclosure is `organizations`"]) { $1 },
                ], required: ["kind", "title", "summary"]),
            "ListingStatusInput": input(["status": values(ListingStatus.self)], required: ["status"]),
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
