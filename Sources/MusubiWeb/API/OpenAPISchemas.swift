import Foundation
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

    /// A request body: as `object`, but a property that is not required may also be null,
    /// which the server reads as absent.
    static func input(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var nullable = properties
        for (name, schema) in properties where !required.contains(name) {
            if let schema = schema as? [String: Any] { nullable[name] = orNull(schema) }
        }
        return object(nullable, required: required)
    }
    static func orNull(_ schema: [String: Any]) -> [String: Any] {
        var schema = schema
        if let type = schema["type"] as? String { schema["type"] = [type, "null"] }
        if let types = schema["type"] as? [String], !types.contains("null") { schema["type"] = types + ["null"] }
        if let values = schema["enum"] as? [Any] { schema["enum"] = values + [NSNull()] }
        return schema
    }
    /// A request body sent as `multipart/form-data` with `files`: the same fields, none of
    /// which can be null in a form.
    static func form(of input: [String: Any]) -> [String: Any] {
        var properties = (input["properties"] as? [String: Any] ?? [:]).mapValues { field -> Any in
            guard var field = field as? [String: Any] else { return field }
            if let types = field["type"] as? [String] { field["type"] = types.filter { $0 != "null" }.first }
            if let values = field["enum"] as? [Any] { field["enum"] = values.filter { !($0 is NSNull) } }
            return field
        }
        properties["files"] = array(of: ["type": "string", "format": "binary"])
        return object(properties, required: input["required"] as? [String] ?? [])
    }
    /// At most `limit` items as sent.
    static func array(of items: [String: Any], limit: Int? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "array", "items": items]
        if let limit { schema["maxItems"] = limit }
        return schema
    }
    /// Words as `Validator.list` takes them (keywords): blanks and repeats are left out.
    static func words(_ limit: Int, each length: Int) -> [String: Any] { array(of: text(length), limit: limit) }
    /// Fields of the tree, as `Validator.fieldIDs` takes them.
    static var fieldIDs: [String: Any] { array(of: id, limit: Validator.limits.fields) }
    /// A prefecture's JIS code, 01 to 47 (white space around it is trimmed).
    static func prefecture(optional: Bool) -> [String: Any] {
        let code = "(0[1-9]|[1-3][0-9]|4[0-7])"
        return ["type": "string", "pattern": optional ? "^\\s*(\(code)\\s*)?$" : "^\\s*\(code)\\s*$"]
    }
    /// A calendar day as 2026-12-31 (`optional`: or empty, for none).
    static func day(optional: Bool) -> [String: Any] {
        let day = "[0-9]+-[0-9]+-[0-9]+"
        return ["type": "string", "pattern": optional ? "^\\s*(\(day))?\\s*$" : "^\\s*\(day)\\s*$", "description": "A day, as 2026-12-31"]
    }
    static var boolean: [String: Any] { ["type": "boolean"] }

    static var sector: [String: Any] { values(Sector.self) }
    static var role: [String: Any] { values(Role.self) }

    static var all: [String: Any] {
        [directory, listings, matching, introductions, exchange, notifications, bulletins, digest].reduce([:]) {
            $0.merging($1) { first, _ in first }
        }
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
            "ProfileInput": input(
                [
                    "name": text(AccountSettings.limits.name, required: true), "nameKana": text(AccountSettings.limits.nameKana),
                    "title": text(AccountSettings.limits.title),
                    "keywords": words(AccountSettings.limits.keywords, each: AccountSettings.limits.keyword),
                    "offer": text(AccountSettings.limits.offer, multiline: true),
                    "seeking": text(AccountSettings.limits.seeking, multiline: true),
                    "languages": array(of: enumeration(Language.codes), limit: Language.codes.count), "fieldIds": fieldIDs,
                ], required: ["name"]),
            "OrganizationInput": input(
                [
                    "name": text(Stewardship.organizationLimits.name, required: true), "nameKana": text(Stewardship.organizationLimits.nameKana),
                    "sector": sector, "prefectureCode": prefecture(optional: false),
                    "municipality": text(Stewardship.organizationLimits.municipality),
                    "website": text(Validator.limits.website).merging(["description": "http:// or https:// with a host, or empty"]) { $1 },
                    "summary": text(Stewardship.organizationLimits.summary, multiline: true), "fieldIds": fieldIDs,
                ], required: ["name", "sector", "prefectureCode"]),
            "GroupInput": input(
                [
                    "kind": values(GroupKind.self), "name": text(Stewardship.groupLimits.name, required: true),
                    "description": text(Stewardship.groupLimits.description, multiline: true),
                    "parentId": nullableID, "hostOrganizationId": nullableID, "fieldIds": fieldIDs,
                ], required: ["kind", "name"]),
            "InvitationInput": input(
                ["email": text(Validator.limits.email, required: true), "role": role, "organizationId": nullableID], required: ["email", "role"]),
            "MembershipInput": input(["memberId": id, "role": values(GroupRole.self)], required: ["memberId"]),
            "RoleInput": input(["role": role], required: ["role"]),
            "TokenInput": input(["name": text(AccountSettings.limits.tokenName, required: true)], required: ["name"]),
        ]
    }
}
