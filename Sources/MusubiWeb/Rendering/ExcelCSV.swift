import Foundation
import Hummingbird

/// A CSV file that Japanese Excel opens correctly: UTF-8 with a byte-order mark, CRLF line
/// ends, every field that holds a comma, a quote or a line break quoted (quotes doubled).
/// A text that Excel would take for a formula (`=`, `+`, `-`, `@` first: a name typed as
/// `=HYPERLINK(…)`) is kept as text behind an apostrophe.
enum ExcelCSV {
    static func text(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func field(_ text: String) -> String {
        let value = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The rows as a download named `filename`, as every file is offered (`Response.download`).
    static func response(_ rows: [[String]], filename: String) -> Response {
        .download(Data(text(rows).utf8), filename: filename, contentType: "text/csv; charset=utf-8")
    }
}
