import MusubiCore

/// Schemas of bulletins and funding calls.
extension OpenAPISchemas {
    static var bulletins: [String: Any] {
        let limits = Bulletins.limits
        let amount: [String: Any] = ["type": "integer", "format": "int64", "minimum": 0, "maximum": limits.amount]
        let moment: [String: Any] = ["type": "string", "format": "date-time"]
        return [
            "Bulletin": object(
                [
                    "id": id, "kind": values(BulletinKind.self), "title": string, "body": string, "fieldIds": ids,
                    "visibility": values(BulletinVisibility.self),
                    "targets": object(
                        ["sectors": array(of: sector), "fieldIds": ids, "groupIds": ids], required: ["sectors", "fieldIds", "groupIds"]),
                    "publishAt": date, "expiresAt": date, "pinned": boolean, "current": boolean, "saved": boolean,
                    "funding": object(
                        [
                            "funderOrganizationId": nullableID, "funderName": string, "programme": string, "amountMin": amount,
                            "amountMax": amount, "eligibility": string, "eligibleSectors": array(of: sector), "opensOn": date, "deadline": date,
                            "link": string,
                        ], required: ["funderName", "programme", "eligibility", "eligibleSectors", "deadline", "link"]),
                    "discussionMessageId": nullableID, "createdAt": date, "updatedAt": date,
                ],
                required: [
                    "id", "kind", "title", "body", "fieldIds", "visibility", "targets", "publishAt", "pinned", "current", "saved", "createdAt",
                    "updatedAt",
                ]),
            "BulletinPage": page(of: "Bulletin"),
            "BulletinInput": input(
                [
                    "kind": values(BulletinKind.self), "title": text(limits.title, required: true),
                    "body": text(limits.body, multiline: true, required: true), "fieldIds": fieldIDs,
                    "visibility": values(BulletinVisibility.self), "targetSectors": array(of: sector),
                    "targetFieldIds": fieldIDs, "targetGroupIds": array(of: id, limit: limits.targets), "publishAt": moment,
                    "expiresAt": moment, "pinned": boolean, "discussIn": nullableID,
                    "funding": input(
                        [
                            "funderOrganizationId": nullableID, "funderName": text(limits.funderName), "programme": text(limits.programme),
                            "amountMin": amount, "amountMax": amount, "eligibility": text(limits.eligibility, multiline: true),
                            "eligibleSectors": array(of: sector), "opensOn": day(optional: true), "deadline": moment, "link": text(limits.link),
                        ], required: ["deadline"]),
                ], required: ["kind", "title", "body"]),
        ]
    }
}
