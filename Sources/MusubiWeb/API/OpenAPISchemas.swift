import MusubiCore

/// JSON Schemas of the API's bodies, for the OpenAPI document. An enumeration lists the
/// raw values of its Swift enum's cases (`values`), never its own copy of them.
enum OpenAPISchemas {
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }
    static var string: [String: Any] { ["type": "string"] }
    static var id: [String: Any] { ["type": "integer", "format": "int64"] }
    static var nullableID: [String: Any] { ["type": ["integer", "null"], "format": "int64"] }
    static var date: [String: Any] { ["type": "string", "format": "date-time"] }
    /// A calendar day, as 2026-12-31.
    static var day: [String: Any] { ["type": "string", "format": "date"] }
    static var strings: [String: Any] { ["type": "array", "items": string] }
    static var ids: [String: Any] { ["type": "array", "items": id] }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func page(of item: String) -> [String: Any] {
        object(
            [
                "items": ["type": "array", "items": ref(item)], "total": ["type": "integer"], "page": ["type": "integer"],
                "pageSize": ["type": "integer"],
            ], required: ["items", "total", "page", "pageSize"])
    }
    static func list(of item: String) -> [String: Any] {
        object(["items": ["type": "array", "items": ref(item)]], required: ["items"])
    }
    static func enumeration(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
    static func values<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String: Any] where T.RawValue == String {
        enumeration(T.allCases.map(\.rawValue))
    }
    /// The cases but those a caller may not choose (the use case refuses them).
    static func values<T: RawRepresentable & CaseIterable & Equatable>(_ type: T.Type, except excluded: [T]) -> [String: Any]
    where T.RawValue == String {
        enumeration(T.allCases.filter { !excluded.contains($0) }.map(\.rawValue))
    }
    static var count: [String: Any] { ["type": "integer", "minimum": 0] }
    static var boolean: [String: Any] { ["type": "boolean"] }

    static var sector: [String: Any] { values(Sector.self) }
    static var role: [String: Any] { values(Role.self) }

    static var all: [String: Any] {
        [directory, listings, matching, introductions, exchange].reduce([:]) { $0.merging($1) { first, _ in first } }
    }

    private static var directory: [String: Any] {
        [
            "Error": object(
                [
                    "error": object(
                        [
                            "code": string, "message": string,
                            "problems": ["type": "array", "items": object(["field": string, "message": string])],
                        ], required: ["code", "message", "problems"])
                ], required: ["error"]),
            "Member": object(
                [
                    "id": id, "name": string, "nameKana": string, "title": string, "role": role, "organizationId": nullableID,
                    "organizationName": string, "sector": sector, "keywords": strings, "fieldIds": ids, "offer": string,
                    "seeking": string, "languages": strings, "email": string, "status": values(AccountStatus.self),
                ], required: ["id", "name", "role"]),
            "MemberPage": page(of: "Member"),
            "Organization": object(
                [
                    "id": id, "name": string, "nameKana": string, "sector": sector, "prefectureCode": string,
                    "municipality": string, "website": string, "summary": string, "fieldIds": ids, "createdAt": date,
                ], required: ["id", "name", "sector", "prefectureCode"]),
            "OrganizationPage": page(of: "Organization"),
            "Field": object(["id": id, "parentID": nullableID, "key": string, "name": string, "nameEn": string], required: ["id", "key", "name"]),
            "FieldList": list(of: "Field"),
            "Group": object(
                [
                    "id": id, "kind": values(GroupKind.self), "name": string,
                    "description": string, "parentId": nullableID, "hostOrganizationId": nullableID, "fieldIds": ids,
                    "memberCount": ["type": "integer"],
                    "members": ["type": "array", "items": object(["memberId": id, "name": string, "role": values(GroupRole.self)])],
                ], required: ["id", "kind", "name"]),
            "GroupList": list(of: "Group"),
            "AuditEntry": object([
                "id": id, "at": date, "actorID": nullableID, "action": string, "subjectType": string, "subjectID": nullableID, "detail": string,
            ]),
            "AuditPage": page(of: "AuditEntry"),
            "Token": object(
                ["id": id, "name": string, "prefix": string, "createdAt": date, "lastUsedAt": date, "revokedAt": date, "secret": string],
                required: ["id", "name", "prefix"]),
            "TokenList": list(of: "Token"),
            "Invitation": object(
                ["id": id, "email": string, "role": role, "memberId": id, "expiresAt": date, "url": string], required: ["id", "email", "role", "url"]),
            "ProfileInput": object(
                [
                    "name": string, "nameKana": string, "title": string, "keywords": strings, "offer": string, "seeking": string,
                    "languages": strings, "fieldIds": ids,
                ], required: ["name"]),
            "OrganizationInput": object(
                [
                    "name": string, "nameKana": string, "sector": sector, "prefectureCode": string, "municipality": string,
                    "website": string, "summary": string, "fieldIds": ids,
                ], required: ["name", "sector", "prefectureCode"]),
            "GroupInput": object(
                [
                    "kind": values(GroupKind.self), "name": string, "description": string,
                    "parentId": nullableID, "hostOrganizationId": nullableID, "fieldIds": ids,
                ], required: ["kind", "name"]),
            "InvitationInput": object(["email": string, "role": role, "organizationId": nullableID], required: ["email", "role"]),
            "MembershipInput": object(["memberId": id, "role": values(GroupRole.self)], required: ["memberId"]),
            "RoleInput": object(["role": role], required: ["role"]),
            "TokenInput": object(["name": string], required: ["name"]),
        ]
    }
}
