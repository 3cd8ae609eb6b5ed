import Foundation
import MusubiCore

/// A query parameter of an API operation: how the document describes it and how a request's
/// value is checked before the handler reads it, so that what the document refuses the
/// server refuses (400, naming the parameter), and what it allows reaches the handler.
struct QueryParameter: Sendable {
    enum Kind: Sendable {
        /// A whole number in the range.
        case integer(ClosedRange<Int64>)
        /// One of the values.
        case choice([String])
        /// `true` or `false`.
        case boolean
        /// An RFC 3339 date-time, as 2026-12-31T09:00:00+09:00.
        case dateTime
        /// Any text.
        case text
    }

    let name: String
    let kind: Kind
    var required = false

    /// The parameter's schema in the document.
    var schema: [String: Any] {
        switch kind {
        case .integer(let range): ["type": "integer", "format": "int64", "minimum": range.lowerBound, "maximum": range.upperBound]
        case .choice(let values): ["type": "string", "enum": values]
        case .boolean: ["type": "boolean"]
        case .dateTime: ["type": "string", "format": "date-time"]
        case .text: ["type": "string"]
        }
    }

    /// Refuses a value the schema does not allow, or the parameter given twice.
    func check(_ query: FormData) throws {
        let values = query.all(name)
        guard values.count <= 1 else { throw MalformedInput(field: name, key: "error.query_repeated") }
        guard let value = values.first else {
            if required { throw MalformedInput(field: name, key: "error.required") }
            return
        }
        let valid: Bool =
            switch kind {
            case .integer(let range): Int64(value).map(range.contains) ?? false
            case .choice(let values): values.contains(value)
            case .boolean: value == "true" || value == "false"
            case .dateTime: Self.dateTime(value) != nil
            case .text: true
            }
        if !valid { throw MalformedInput(field: name, key: "error.value_not_allowed") }
    }

    /// An RFC 3339 date-time, with or without fractions of a second.
    static func dateTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        return formatter.date(from: text)
    }
}

extension QueryParameter {
    static func integer(_ name: String, _ range: ClosedRange<Int64> = Int64.min...Int64.max) -> Self { .init(name: name, kind: .integer(range)) }
    static func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> Self where T.RawValue == String {
        .init(name: name, kind: .choice(T.allCases.map(\.rawValue)))
    }
    static func text(_ name: String, required: Bool = false) -> Self { .init(name: name, kind: .text, required: required) }
    static func boolean(_ name: String) -> Self { .init(name: name, kind: .boolean) }
    static func dateTime(_ name: String) -> Self { .init(name: name, kind: .dateTime) }

    static let q = text("q")
    static let page = integer("page", 1...Int64(PageRequest.maximumNumber))
    static let pageSize = integer("pageSize", 1...Int64(PageRequest.maximumSize))
    static let paging = [page, pageSize]
    /// A field of the tree, with its descendants (an unknown one matches nothing).
    static let field = integer("field")
    static let sector = choice("sector", Sector.self)
    /// How many to answer with, at most `maximum`.
    static func limit(_ maximum: Int) -> Self { integer("limit", 1...Int64(maximum)) }
}
