import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The API's answers against the OpenAPI document the site serves: the operation for a request
/// (its method, and its concrete path against the document's templated paths), the answer the
/// operation documents for the status (the code, else `4XX`, else `default`), and the JSON body
/// against that answer's schema.
///
/// It understands the part of JSON Schema the document uses (`keywords`) and names any other
/// keyword as a problem rather than passing it by. Objects are closed: a property their schema
/// does not declare is a problem unless `additionalProperties` admits it, so that a field added
/// to an answer without the document fails the test that receives it.
struct OpenAPIConformance: Sendable {
    /// Where the site serves the document.
    static let documentPath = "/api/openapi.json"

    /// Paths answered outside the document: the document itself, and the incoming webhooks
    /// (`/api/hooks/{secret}`, which answer Slack's plain text).
    static func isExempt(_ path: String) -> Bool {
        let path = pathOnly(path)
        return path == documentPath || path.hasPrefix("/api/hooks/")
    }

    /// The keywords the checker applies, and the annotations it may pass by.
    static let keywords: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "nullable",
        "allOf", "anyOf", "oneOf", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "minItems", "maxItems",
        "description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "$comment",
    ]

    enum Unreadable: Error { case notADocument }

    let document: Value

    init(document data: Data) throws {
        let document = try Value.parse(data)
        guard document["paths"]?.members != nil else { throw Unreadable.notADocument }
        self.document = document
    }

    /// The document as `JSONSerialization` read it.
    init(document: [String: Any]) throws {
        try self.init(document: try JSONSerialization.data(withJSONObject: document))
    }

    // MARK: The answer to a request

    /// What is wrong with this answer to this request, each with where it is; empty when the
    /// answer is what the document says.
    func problems(method: HTTPRequest.Method, path uri: String, status: Int, contentType: String?, body: Data) -> [String] {
        let path = Self.pathOnly(uri)
        if Self.isExempt(path) { return [] }
        let verb = method.rawValue.lowercased()
        guard let paths = document["paths"]?.members else { return ["the document has no paths"] }

        // The most specific template first: `/suggestions/community` before `/suggestions/{id}`.
        let matching = paths.keys
            .compactMap { template in Self.literalSegments(path, matching: template).map { (template: template, literals: $0) } }
            .sorted { $0.literals != $1.literals ? $0.literals > $1.literals : $0.template < $1.template }
        guard !matching.isEmpty else { return ["the document has no path for \(path)"] }
        var found: (template: String, operation: Value)?
        for candidate in matching {
            if let operation = paths[candidate.template]?[verb] {
                found = (candidate.template, operation)
                break
            }
        }
        guard let found else {
            return ["the document has no \(method.rawValue) operation at \(matching.map { $0.template }.joined(separator: " or "))"]
        }
        let operation = "\(method.rawValue) \(found.template)"

        guard let responses = resolved(found.operation["responses"])?.members else { return ["\(operation) documents no responses"] }
        let keys = [String(status), "\(status / 100)XX", "\(status / 100)xx", "default"]
        guard let key = keys.first(where: { responses[$0] != nil }), let response = resolved(responses[key]) else {
            return [
                "\(operation) does not document the status \(status), and has no default (it documents \(responses.keys.sorted().joined(separator: ", ")))"
            ]
        }

        let content = response["content"]?.members ?? [:]
        guard !content.isEmpty else {
            return body.isEmpty ? [] : ["\(operation) documents no body for \(key), but the answer has \(body.count) bytes"]
        }
        guard let entry = Self.entry(for: Self.mediaType(contentType), in: content) else {
            return [
                "the answer's Content-Type is \(contentType ?? "absent"), but \(operation) documents only \(content.keys.sorted().joined(separator: ", ")) for \(key)"
            ]
        }
        // A file, or anything else that is not JSON, is not looked into.
        guard Self.isJSON(entry.key), let schema = entry.value["schema"] else { return [] }
        let value: Value
        do {
            value = try Value.parse(body)
        } catch {
            return ["the body is not JSON, as \(operation) documents for \(key): \(String(decoding: body.prefix(160), as: UTF8.self))"]
        }
        let pointer = "#/paths/\(Self.escape(found.template))/\(verb)/responses/\(Self.escape(key))/content/\(Self.escape(entry.key))/schema"
        var seen = Set<String>()
        return check(value, against: schema, pointer: pointer, at: "$").filter { seen.insert($0).inserted }
    }

    // MARK: A value against a schema

    /// What is wrong with `value` (at `path`, a JSON path such as `$.items[0].author`) against
    /// `schema` (at `pointer` in the document). `known` are property names that another part of
    /// an enclosing schema evaluates (a sibling of `allOf`, or the schema around a `$ref`).
    func check(_ value: Value, against schema: Value, pointer: String, at path: String, known: Set<String> = [], hops: Int = 0) -> [String] {
        guard hops < 64 else { return ["\(path): the schemas at \(pointer) refer to each other without end"] }
        let s: [String: Value]
        switch schema {
        case .bool(true): return []
        case .bool(false): return ["\(path): the schema admits nothing here (\(pointer))"]
        case .object(let members): s = members
        default: return ["\(path): \(pointer) is not a schema"]
        }
        var problems = s.keys.filter { !Self.keywords.contains($0) && !$0.hasPrefix("x-") }.sorted().map {
            "\(path): the checker does not understand the keyword \"\($0)\" (\(pointer)); teach it to OpenAPIConformance"
        }
        // OpenAPI 3.0's spelling of `["type", "null"]`.
        if value == .null, s["nullable"] == .bool(true) { return problems }

        // Property names evaluated elsewhere in this schema: in every case (`definite`, through
        // `$ref` and `allOf`), or in some alternative (`possible`, through `anyOf` and `oneOf`).
        var isObject = false
        if case .object = value { isObject = true }
        let definite = isObject ? known.union(names(schema, alternatives: false)) : []
        let possible = isObject ? known.union(names(schema, alternatives: true)) : []

        if let reference = s["$ref"] {
            if let target = reference.text, let referenced = resolve(target) {
                problems += check(value, against: referenced, pointer: target, at: path, known: possible, hops: hops + 1)
            } else {
                problems.append("\(path): the $ref at \(pointer) leads nowhere in the document")
            }
        }

        if let types = Self.typeNames(s["type"]), !types.contains(where: { Self.value(value, is: $0) }) {
            problems.append("\(path): expected \(types.joined(separator: " or ")), found \(Self.describe(value)) (\(pointer))")
            return problems
        }
        if let options = s["enum"]?.elements, !options.contains(where: { Self.same($0, value) }) {
            let listed = options.map { Self.describe($0) }.joined(separator: ", ")
            problems.append("\(path): \(Self.describe(value)) is not one of \(listed) (\(pointer))")
        }
        if let constant = s["const"], !Self.same(constant, value) {
            problems.append("\(path): \(Self.describe(value)) is not \(Self.describe(constant)) (\(pointer))")
        }

        switch value {
        case .string(let text):
            if let format = s["format"]?.text, let problem = Self.formatProblem(text, format) {
                problems.append("\(path): \(problem) (\(pointer))")
            }
            let length = Double(text.unicodeScalars.count)
            if let least = s["minLength"], let bound = least.double, length < bound {
                problems.append("\(path): \(Self.describe(value)) is shorter than \(Self.describe(least)) characters (\(pointer))")
            }
            if let most = s["maxLength"], let bound = most.double, length > bound {
                problems.append("\(path): \(Self.describe(value)) is longer than \(Self.describe(most)) characters (\(pointer))")
            }
        case .integer, .number:
            let number = value.double ?? 0
            if let least = s["minimum"], let bound = least.double, number < bound {
                problems.append("\(path): \(Self.describe(value)) is below the minimum \(Self.describe(least)) (\(pointer))")
            }
            if let most = s["maximum"], let bound = most.double, number > bound {
                problems.append("\(path): \(Self.describe(value)) is above the maximum \(Self.describe(most)) (\(pointer))")
            }
            if let least = s["exclusiveMinimum"], let bound = least.double, number <= bound {
                problems.append("\(path): \(Self.describe(value)) is not above \(Self.describe(least)) (\(pointer))")
            }
            if let most = s["exclusiveMaximum"], let bound = most.double, number >= bound {
                problems.append("\(path): \(Self.describe(value)) is not below \(Self.describe(most)) (\(pointer))")
            }
            if s["format"]?.text == "int32", number < Double(Int32.min) || number > Double(Int32.max) {
                problems.append("\(path): \(Self.describe(value)) is not an int32 (\(pointer))")
            }
        case .array(let elements):
            if let items = s["items"] {
                for (index, element) in elements.enumerated() {
                    problems += check(element, against: items, pointer: pointer + "/items", at: "\(path)[\(index)]")
                }
            }
            if let least = s["minItems"], let bound = least.double, Double(elements.count) < bound {
                problems.append("\(path): has \(elements.count) items, fewer than \(Self.describe(least)) (\(pointer))")
            }
            if let most = s["maxItems"], let bound = most.double, Double(elements.count) > bound {
                problems.append("\(path): has \(elements.count) items, more than \(Self.describe(most)) (\(pointer))")
            }
        case .object(let members):
            guard Self.describesObject(s) else { break }
            let properties = s["properties"]?.members ?? [:]
            for name in s["required"]?.elements?.compactMap(\.text) ?? [] where members[name] == nil {
                problems.append("\(path): the required property \"\(name)\" is missing (\(pointer))")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                let memberPath = Self.path(path, name)
                if let property = properties[name] {
                    problems += check(member, against: property, pointer: pointer + "/properties/" + Self.escape(name), at: memberPath)
                } else if possible.contains(name) {
                    continue
                } else {
                    switch s["additionalProperties"] {
                    case nil, .bool(false)?:
                        problems.append("\(path): property \"\(name)\" is not in the schema (\(pointer))")
                    case .bool(true)?:
                        break
                    case let additional?:
                        problems += check(member, against: additional, pointer: pointer + "/additionalProperties", at: memberPath)
                    }
                }
            }
        case .null, .bool:
            break
        }

        for (index, branch) in (s["allOf"]?.elements ?? []).enumerated() {
            problems += check(value, against: branch, pointer: "\(pointer)/allOf/\(index)", at: path, known: possible, hops: hops + 1)
        }
        for keyword in ["anyOf", "oneOf"] {
            guard let branches = s[keyword]?.elements, !branches.isEmpty else { continue }
            let outcomes = branches.enumerated().map {
                check(value, against: $0.element, pointer: "\(pointer)/\(keyword)/\($0.offset)", at: path, known: definite, hops: hops + 1)
            }
            let passing = outcomes.filter(\.isEmpty).count
            if passing == 0 {
                let closest = outcomes.min { $0.count < $1.count } ?? []
                problems.append(
                    "\(path): matches none of the \(branches.count) schemas of \(keyword) (\(pointer)); the closest: \(closest.joined(separator: "; "))"
                )
            } else if keyword == "oneOf" && passing > 1 {
                problems.append("\(path): matches \(passing) of the schemas of oneOf, not exactly one (\(pointer))")
            }
        }
        return problems
    }

    /// The property names a schema declares, through `$ref` and `allOf` and, with
    /// `alternatives`, through `anyOf` and `oneOf`.
    private func names(_ schema: Value, alternatives: Bool, depth: Int = 0) -> Set<String> {
        guard depth < 32, case .object(let s) = schema else { return [] }
        var result = Set(s["properties"]?.members?.keys.map { $0 } ?? [])
        if let target = s["$ref"]?.text, let referenced = resolve(target) {
            result.formUnion(names(referenced, alternatives: alternatives, depth: depth + 1))
        }
        for keyword in alternatives ? ["allOf", "anyOf", "oneOf"] : ["allOf"] {
            for branch in s[keyword]?.elements ?? [] {
                result.formUnion(names(branch, alternatives: alternatives, depth: depth + 1))
            }
        }
        return result
    }

    /// What a local `$ref` (`#/components/schemas/Message`) points at.
    func resolve(_ reference: String) -> Value? {
        guard reference.hasPrefix("#") else { return nil }
        var node = document
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members[key] else { return nil }
                node = next
            case .array(let elements):
                guard let index = Int(key), elements.indices.contains(index) else { return nil }
                node = elements[index]
            default:
                return nil
            }
        }
        return node
    }

    /// A response or other object that may itself be a `$ref`, followed.
    private func resolved(_ value: Value?) -> Value? {
        var current = value
        for _ in 0..<16 {
            guard let target = current?["$ref"]?.text else { return current }
            current = resolve(target)
        }
        return nil
    }

    // MARK: Helpers

    static func pathOnly(_ uri: String) -> String {
        String(uri.prefix { $0 != "?" && $0 != "#" })
    }

    /// The number of literal segments by which `path` matches `template`, or nil when it does
    /// not; a parameter (`{id}`) takes one non-empty segment.
    static func literalSegments(_ path: String, matching template: String) -> Int? {
        let given = path.split(separator: "/", omittingEmptySubsequences: false)
        let pattern = template.split(separator: "/", omittingEmptySubsequences: false)
        guard given.count == pattern.count else { return nil }
        var literals = 0
        for (raw, piece) in zip(given, pattern) {
            let segment = raw.removingPercentEncoding ?? String(raw)
            if let open = piece.firstIndex(of: "{"), let close = piece.lastIndex(of: "}"), open < close {
                let prefix = String(piece[..<open])
                let suffix = String(piece[piece.index(after: close)...])
                guard segment.count > prefix.count + suffix.count, segment.hasPrefix(prefix), segment.hasSuffix(suffix) else { return nil }
            } else {
                guard segment == String(piece) else { return nil }
                literals += 1
            }
        }
        return literals
    }

    /// `application/json` of `application/json; charset=utf-8`.
    static func mediaType(_ contentType: String?) -> String {
        (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    static func isJSON(_ media: String) -> Bool {
        let type = mediaType(media)
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// The documented content for a media type: the type itself, else `type/*`, else `*/*`.
    static func entry(for media: String, in content: [String: Value]) -> (key: String, value: Value)? {
        let family = media.split(separator: "/").first.map { "\($0)/*" } ?? ""
        for wanted in [media, family, "*/*"] where !wanted.isEmpty {
            if let found = content.first(where: { mediaType($0.key) == wanted }) { return (found.key, found.value) }
        }
        return nil
    }

    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// `$.author` or, for a name that is not an identifier, `$["a b"]`.
    static func path(_ parent: String, _ name: String) -> String {
        let identifier = name.first.map { !$0.isNumber } == true && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return identifier ? "\(parent).\(name)" : "\(parent)[\"\(name)\"]"
    }

    static func typeNames(_ type: Value?) -> [String]? {
        switch type {
        case .string(let name)?: return [name]
        case .array(let names)?: return names.compactMap(\.text)
        default: return nil
        }
    }

    static func describesObject(_ schema: [String: Value]) -> Bool {
        schema["properties"] != nil || schema["additionalProperties"] != nil || schema["required"] != nil
            || typeNames(schema["type"])?.contains("object") == true
    }

    static func value(_ value: Value, is type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("integer", .integer), ("number", .integer), ("number", .number):
            return true
        case ("integer", .number(let number)):
            return number.isFinite && number.rounded() == number
        default:
            return false
        }
    }

    /// Equal as JSON values: `1` and `1.0` are the same number.
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.integer, .number), (.number, .integer), (.number, .number): return a.double == b.double
        default: return a == b
        }
    }

    static func formatProblem(_ text: String, _ format: String) -> String? {
        switch format {
        case "date-time":
            let shape = /[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})/
            return text.wholeMatch(of: shape) == nil ? "\(describe(.string(text))) is not an RFC 3339 date-time" : nil
        case "date":
            return text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) == nil ? "\(describe(.string(text))) is not an RFC 3339 date" : nil
        default:
            return nil
        }
    }

    static func describe(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .string(let text): return "\"" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "\""
        case .array(let elements): return "an array of \(elements.count)"
        case .object: return "an object"
        }
    }

    /// The failure recorded for an answer: the request, the status and the problems.
    static func report(method: HTTPRequest.Method, path: String, status: Int, problems: [String]) -> String {
        let shown = problems.prefix(20).map { "  - " + ($0.count > 400 ? String($0.prefix(400)) + "…" : $0) }
        let more = problems.count > 20 ? ["  … and \(problems.count - 20) more"] : []
        let head = "\(method.rawValue) \(path) answered \(status), which the OpenAPI document (\(documentPath)) does not describe:"
        return ([head] + shown + more).joined(separator: "\n")
    }

    // MARK: JSON

    /// A JSON value as read, with integers, other numbers and booleans kept apart (as
    /// `JSONSerialization`'s `NSNumber`s do not keep them).
    enum Value: Sendable, Equatable, Decodable {
        case null
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
        case array([Value])
        case object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Int64.self) {
                self = .integer(number)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let elements = try? container.decode([Value].self) {
                self = .array(elements)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }

        static func parse(_ data: Data) throws -> Value {
            try JSONDecoder().decode(Value.self, from: data)
        }

        subscript(key: String) -> Value? {
            guard case .object(let members) = self else { return nil }
            return members[key]
        }

        var text: String? {
            guard case .string(let text) = self else { return nil }
            return text
        }

        var members: [String: Value]? {
            guard case .object(let members) = self else { return nil }
            return members
        }

        var elements: [Value]? {
            guard case .array(let elements) = self else { return nil }
            return elements
        }

        var double: Double? {
            switch self {
            case .integer(let number): return Double(number)
            case .number(let number): return number
            default: return nil
            }
        }
    }
}

/// What an `APIClient` holds: the OpenAPI document its site serves, read on the first call,
/// and the check of every answer against it, recorded as a test issue.
final class OpenAPIConformanceHook: Sendable {
    private enum State: Sendable {
        case unread
        case read(OpenAPIConformance)
        case unreadable
    }

    /// Documents as read, by their bytes: every site of a test run serves the same document,
    /// and it is parsed once.
    private final class Parsed: Sendable {
        let documents = Mutex<[Data: OpenAPIConformance]>([:])
    }

    private let state = Mutex<State>(.unread)
    private static let parsed = Parsed()

    /// Records an issue, at the test's call, when the answer is not what the document says.
    func verify(
        _ method: HTTPRequest.Method, _ path: String, _ response: TestResponse, client: any TestClientProtocol, sourceLocation: SourceLocation
    ) async {
        guard !OpenAPIConformance.isExempt(path), let conformance = await readDocument(client, sourceLocation) else { return }
        let status = Int(response.status.code)
        let problems = conformance.problems(
            method: method, path: path, status: status, contentType: response.headers[.contentType], body: Data(response.body.readableBytesView)
        )
        guard !problems.isEmpty else { return }
        let report = OpenAPIConformance.report(method: method, path: path, status: status, problems: problems)
        Issue.record("\(report)", sourceLocation: sourceLocation)
    }

    private func readDocument(_ client: any TestClientProtocol, _ sourceLocation: SourceLocation) async -> OpenAPIConformance? {
        switch state.withLock({ $0 }) {
        case .read(let conformance): return conformance
        case .unreadable: return nil
        case .unread: break
        }
        var next = State.unreadable
        do {
            let response = try await client.executeRequest(uri: OpenAPIConformance.documentPath, method: .get, headers: [:], body: nil)
            guard response.status == .ok else {
                Issue.record(
                    "\(OpenAPIConformance.documentPath) answered \(response.status.code); the API's answers are not checked",
                    sourceLocation: sourceLocation)
                state.withLock { $0 = .unreadable }
                return nil
            }
            let data = Data(response.body.readableBytesView)
            if let known = Self.parsed.documents.withLock({ $0[data] }) {
                next = .read(known)
            } else {
                let conformance = try OpenAPIConformance(document: data)
                Self.parsed.documents.withLock { $0[data] = conformance }
                next = .read(conformance)
            }
        } catch {
            Issue.record(
                "\(OpenAPIConformance.documentPath) could not be read (\(error)); the API's answers are not checked", sourceLocation: sourceLocation)
        }
        let settled = next
        state.withLock { $0 = settled }
        if case .read(let conformance) = settled { return conformance }
        return nil
    }
}
