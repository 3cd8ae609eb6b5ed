import Foundation

/// A CSV file as Excel in Japan writes it: UTF-8 with or without a BOM, or Shift_JIS
/// (Windows-31J). Fields may be quoted, with "" for a quote and new lines inside quotes.
public struct CSVTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The line of the file the row starts on, counting the header as line 1.
        public var line: Int
        public var values: [String]
    }

    public var header: [String]
    public var rows: [Row]

    public enum ReadError: Error, Equatable {
        case undecodable
        case empty
        case unterminatedQuote(line: Int)
    }

    /// A list in one cell: separated by ; 、 , or ，
    public static func list(in cell: String) -> [String] {
        cell.split(whereSeparator: { ";；、,，".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public init(data: Data) throws {
        try self.init(text: Self.decode(data))
    }

    public init(text: String) throws {
        var records = try Self.parse(text)
        records.removeAll { $0.values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let first = records.first else { throw ReadError.empty }
        self.header = first.values.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = Array(records.dropFirst())
    }

    /// UTF-8 first (BOM stripped); bytes that are not UTF-8 are read as Shift_JIS.
    public static func decode(_ data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        if let text = String(data: bytes, encoding: .shiftJIS) { return text }
        throw ReadError.undecodable
    }

    private static func parse(_ text: String) throws -> [Row] {
        var rows: [Row] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var characters = text.makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let p = pending {
                pending = nil
                return p
            }
            return characters.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            inQuotes = false
                            pending = following
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
            case ",":
                record.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                record.append(field)
                rows.append(Row(line: recordLine, values: record))
                record = []
                field = ""
                line += 1
                recordLine = line
            default:
                field.append(c)
            }
        }
        if inQuotes { throw ReadError.unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            rows.append(Row(line: recordLine, values: record))
        }
        return rows
    }
}
