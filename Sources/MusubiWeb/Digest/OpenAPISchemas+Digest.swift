import MusubiCore

/// Schemas of the weekly digest.
extension OpenAPISchemas {
    static var digest: [String: Any] {
        [
            "DigestEntry": object(
                [
                    "id": id, "kind": values(BulletinKind.self), "title": string, "excerpt": string,
                    "deadline": ["type": ["string", "null"], "format": "date-time"], "funder": string, "saved": boolean, "path": string,
                ], required: ["id", "kind", "title", "excerpt", "funder", "saved", "path"]),
            "DigestSuggestion": object(
                [
                    "type": enumeration(["listing", "person"]), "id": id, "title": string, "listingKind": orNull(values(ListingKind.self)),
                    "organization": string, "concepts": strings, "path": string,
                ], required: ["type", "id", "title", "organization", "concepts", "path"]),
            "DigestWaiting": object(
                ["step": values(Notice.Step.self), "text": string, "excerpt": string, "path": string, "createdAt": date],
                required: ["step", "text", "excerpt", "path", "createdAt"]),
            "Digest": object(
                [
                    "since": date, "until": date, "bulletins": ["type": "array", "items": ref("DigestEntry")],
                    "fundingCalls": ["type": "array", "items": ref("DigestEntry")],
                    "suggestions": ["type": "array", "items": ref("DigestSuggestion")],
                    "waiting": ["type": "array", "items": ref("DigestWaiting")], "waitingCount": count,
                ], required: ["since", "until", "bulletins", "fundingCalls", "suggestions", "waiting", "waitingCount"]),
        ]
    }
}
