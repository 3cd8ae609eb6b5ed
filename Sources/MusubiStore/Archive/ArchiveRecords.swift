import Foundation
import SQLKit

/// A column as an archive carries it: every column of Musubi's schema holds whole numbers
/// (ids, times in milliseconds, counts, flags) or text.
struct ArchiveColumn: Sendable, Equatable, Codable {
    var name: String
    var isInteger: Bool
}

/// One value of one record.
enum ArchiveValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)

    var sql: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .integer(let value): SQLBind(value)
        case .text(let value): SQLBind(value)
        }
    }
}

enum ArchiveRecords {
    struct UnsupportedColumn: Error, CustomStringConvertible {
        var table: String
        var column: String
        var type: String
        var description: String { "\(table).\(column) is of type \(type), which an archive cannot carry" }
    }

    /// The table's columns, by name, as the database declares them.
    static func columns(of table: String, engine: DatabaseEngine, _ db: any SQLDatabase) async throws -> [ArchiveColumn] {
        let rows: [(name: String, type: String)]
        switch engine {
        case .sqlite:
            rows = try await db.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all().map {
                (try $0.decode(column: "name", as: String.self), try $0.decode(column: "type", as: String.self))
            }
        case .postgres:
            rows = try await db.raw(
                """
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(bind: table)
                """
            ).all().map { (try $0.decode(column: "column_name", as: String.self), try $0.decode(column: "data_type", as: String.self)) }
        }
        return try rows.map { name, type in
            switch type.lowercased() {
            case "integer", "bigint", "smallint": ArchiveColumn(name: name, isInteger: true)
            case "text": ArchiveColumn(name: name, isInteger: false)
            default: throw UnsupportedColumn(table: table, column: name, type: type)
            }
        }.sorted { $0.name < $1.name }
    }

    /// A record's values, in the columns' order.
    static func values(of row: any SQLRow, _ columns: [ArchiveColumn]) throws -> [ArchiveValue] {
        try columns.map { column in
            if column.isInteger {
                try row.decode(column: column.name, as: Int64?.self).map(ArchiveValue.integer) ?? .null
            } else {
                try row.decode(column: column.name, as: String?.self).map(ArchiveValue.text) ?? .null
            }
        }
    }

    /// The record as one line of JSON, its keys in the columns' (alphabetical) order, so that
    /// the same records always read the same whichever database they came from.
    static func line(_ values: [ArchiveValue], _ columns: [ArchiveColumn]) -> String {
        var line = "{"
        for (index, column) in columns.enumerated() {
            if index > 0 { line += "," }
            line += "\"" + column.name + "\":"
            switch values[index] {
            case .null: line += "null"
            case .integer(let value): line += String(value)
            case .text(let value): appendJSONString(value, to: &line)
            }
        }
        return line + "}\n"
    }

    private static func appendJSONString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20: line += String(format: "\\u%04x", scalar.value)
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }

    /// A line read back: exactly the columns the manifest names, each of its kind, or why it is
    /// not such a record.
    static func values(ofLine line: Data, _ columns: [ArchiveColumn]) -> Result<[ArchiveValue], ArchiveLineError> {
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else { return .failure(.notJSON) }
        guard object.count == columns.count else { return .failure(.columns) }
        var values: [ArchiveValue] = []
        values.reserveCapacity(columns.count)
        for column in columns {
            guard let value = object[column.name] else { return .failure(.columns) }
            if value is NSNull {
                values.append(.null)
            } else if column.isInteger, let integer = value as? Int64 {
                values.append(.integer(integer))
            } else if !column.isInteger, let text = value as? String {
                values.append(.text(text))
            } else {
                return .failure(.kind(column.name))
            }
        }
        return .success(values)
    }

    enum ArchiveLineError: Error, Equatable, CustomStringConvertible {
        case notJSON
        case columns
        case kind(String)

        var description: String {
            switch self {
            case .notJSON: "a line is not a JSON object"
            case .columns: "a record's columns are not the manifest's"
            case .kind(let column): "a record's \(column) is not of its column's kind"
            }
        }
    }
}
