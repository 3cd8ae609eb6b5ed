import Foundation
import MusubiCore
import SQLKit

extension Date {
    var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(epochMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(epochMilliseconds) / 1000)
    }
}

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func date(_ column: String) throws -> Date { Date(epochMilliseconds: try int64(column)) }
    func optionalDate(_ column: String) throws -> Date? { try optionalInt64(column).map(Date.init(epochMilliseconds:)) }

    /// A list stored as a JSON array of strings (JSONSerialization reads it in half the time
    /// of JSONDecoder, and every directory row has one).
    func stringList(_ column: String) throws -> [String] {
        let text = try string(column)
        guard let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else {
            throw StoreError.corruptValue(column: column, value: text)
        }
        return list
    }

    func enumValue<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E where E.RawValue == String {
        let raw = try string(column)
        guard let value = E(rawValue: raw) else { throw StoreError.corruptValue(column: column, value: raw) }
        return value
    }

    func optionalEnumValue<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E? where E.RawValue == String {
        guard let raw = try decode(column: column, as: String?.self) else { return nil }
        guard let value = E(rawValue: raw) else { throw StoreError.corruptValue(column: column, value: raw) }
        return value
    }

    /// A list of enum values stored as a JSON array of their raw values.
    func enumList<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> [E] where E.RawValue == String {
        try stringList(column).map { raw in
            guard let value = E(rawValue: raw) else { throw StoreError.corruptValue(column: column, value: raw) }
            return value
        }
    }
}

enum StoreError: Error, CustomStringConvertible {
    case corruptValue(column: String, value: String)
    case missingRow(String)

    var description: String {
        switch self {
        case .corruptValue(let column, let value): "Unexpected value '\(value)' in column \(column)"
        case .missingRow(let what): "Expected row missing: \(what)"
        }
    }
}

enum JSONList {
    static func encode(_ list: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(list), as: UTF8.self)) ?? "[]"
    }
}

/// A LIKE pattern that finds the term anywhere, with the term's own % and _ taken literally.
/// Use with `ESCAPE '\'`.
func containsPattern(_ term: String) -> String {
    var escaped = ""
    for character in term {
        if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
        escaped.append(character)
    }
    return "%" + escaped + "%"
}

/// `id IN (…)` for a list of ids; an empty list matches nothing.
func inList(_ column: String, _ ids: [Int64]) -> SQLQueryString {
    guard !ids.isEmpty else { return "1 = 0" }
    return "\(unsafeRaw: column) IN (\(binds: ids.map { $0 as any Encodable & Sendable }))"
}

extension SQLDatabase {
    /// Where the few statements that differ between the engines take PostgreSQL's spelling.
    var isPostgres: Bool { dialect.name == "postgresql" }
}

extension SQLQueryString {
    /// An integer written into the statement itself, or NULL: for statements of many rows,
    /// where a bound value costs more than the digits. Only ever for integers, which need no
    /// escaping.
    mutating func appendInterpolation(integer value: Int64?) {
        if let value { appendInterpolation(literal: value) } else { appendInterpolation(unsafeRaw: "NULL") }
    }
}

extension Array where Element == SQLQueryString {
    /// The conditions joined with AND; no condition matches everything.
    func conjunction() -> SQLQueryString {
        isEmpty ? "1 = 1" : map { "(" + $0 + ")" }.joined(separator: " AND ")
    }
}

extension Array {
    /// The elements in runs of at most `size`: statements stay under the databases' limits
    /// on bound values.
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
