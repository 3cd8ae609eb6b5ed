import Foundation
import Hummingbird
import MusubiCore

/// A posted `multipart/form-data` body: its text fields as a `FormData`, and its files.
/// Strict, like `FormData`: a body that does not follow the format is a 400.
public struct MultipartForm: Sendable {
    public struct File: Sendable, Equatable {
        public var filename: String
        public var contentType: String
        public var data: Data

        /// The file as the core takes it (which checks its type by its content).
        var upload: Upload { Upload(filename: filename, data: data) }
    }

    public var fields: FormData
    /// Files by field name, in the order they came (a field may carry several).
    public var files: [String: [File]]

    /// The boundary of a `multipart/form-data` content type, or nil for any other type.
    public static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            let value = part.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    public init(body: [UInt8], boundary: String) throws {
        let delimiter = Array(("\r\n--" + boundary).utf8)
        let bytes = Array("\r\n".utf8) + body
        var values: [String: [String]] = [:]
        var files: [String: [File]] = [:]
        guard var start = Self.find(delimiter, in: bytes, from: 0) else { throw Self.malformed }
        while true {
            var position = start + delimiter.count
            if bytes[position...].starts(with: Array("--".utf8)) { break }
            guard bytes[position...].starts(with: Array("\r\n".utf8)) else { throw Self.malformed }
            position += 2
            guard let next = Self.find(delimiter, in: bytes, from: position),
                  let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: position, before: next) else { throw Self.malformed }
            guard let head = String(validating: bytes[position..<headerEnd], as: UTF8.self) else { throw Self.malformed }
            let content = bytes[(headerEnd + 4)..<next]
            let part = try Self.headers(head)
            if let filename = part.filename {
                if !filename.isEmpty { files[part.name, default: []].append(File(filename: filename, contentType: part.contentType, data: Data(content))) }
            } else {
                guard let text = String(validating: content, as: UTF8.self) else {
                    throw HTTPError(.badRequest, message: "The request is not valid UTF-8.")
                }
                values[part.name, default: []].append(text)
            }
            start = next
        }
        self.fields = FormData(values)
        self.files = files
    }

    /// Reads a posted multipart body of at most `limit` bytes.
    public static func body(of request: Request, boundary: String, limit: Int) async throws -> MultipartForm {
        try MultipartForm(body: Array(try await request.collectBody(upTo: limit).readableBytesView), boundary: boundary)
    }

    private static let malformed = HTTPError(.badRequest, message: "The form is not valid multipart/form-data.")

    private static func headers(_ text: String) throws -> (name: String, filename: String?, contentType: String) {
        var name: String?
        var filename: String?
        var contentType = "text/plain"
        for line in text.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { throw malformed }
            switch pair[0].lowercased() {
            case "content-disposition":
                for parameter in Self.parameters(pair[1]).dropFirst() {
                    let assignment = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard assignment.count == 2 else { continue }
                    let value = assignment[1].count >= 2 && assignment[1].hasPrefix("\"") && assignment[1].hasSuffix("\"")
                        ? String(assignment[1].dropFirst().dropLast()) : assignment[1]
                    switch assignment[0].lowercased() {
                    case "name": name = value
                    case "filename": filename = value
                    default: break
                    }
                }
            case "content-type":
                contentType = pair[1]
            default:
                break
            }
        }
        guard let name, !name.isEmpty else { throw malformed }
        return (name, filename, contentType)
    }

    /// A header value's parts, split on `;` outside quoted strings (a file may be called
    /// "報告書;最終.pdf").
    static func parameters(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// Where `needle` first starts in `bytes[start..<end]`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, before end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        var index = start
        while index + needle.count <= end {
            if bytes[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
