import Foundation
import Hummingbird
import MultipartKit
import MusubiCore

/// A posted `multipart/form-data` body: its text fields as a `FormData`, and its files, which
/// were streamed to disk as they arrived (multipart-kit's parser) rather than held in memory.
/// Strict, like `FormData`: a body that does not follow the format is a 400, one past its
/// limit a 413.
public struct MultipartForm: Sendable {
    public struct File: Sendable, Equatable {
        public var filename: String
        public var contentType: String
        /// Where it was written, inside the request's `UploadFolder` (gone when the request ends).
        public var location: URL
        public var size: Int

        public func contents() throws -> Data {
            try Data(contentsOf: location)
        }

        /// The file as the core takes it (which checks its type by its content).
        func upload() throws -> Upload { Upload(filename: filename, data: try contents()) }
    }

    public var fields: FormData
    /// Files by field name, in the order they came (a field may carry several).
    public var files: [String: [File]]

    /// Text fields of a form with files are small; together at most this many bytes.
    static let fieldLimit = 1024 * 1024

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

    /// Reads a posted multipart body of at most `limit` bytes, writing its files into `folder`.
    /// A part named in `fileFields` is a file even without a file name (RFC 7578 makes the
    /// name optional; programs leave it out), and is then named after its field.
    public static func read(
        _ request: Request, boundary: String, limit: Int, into folder: UploadFolder, fileFields: Set<String> = []
    ) async throws -> MultipartForm {
        try request.refuseDeclaredBody(over: limit)
        let reader = PartReader(folder: folder, fileFields: fileFields)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in reader.header(name, value) }
        parser.onBody = { buffer in reader.body(&buffer) }
        parser.onPartComplete = { reader.complete() }
        var received = 0
        // A form of no parts is only the closing delimiter, which the parser does not take.
        let closing = Array("--\(boundary)--".utf8)
        var empty = false
        for try await buffer in request.body {
            if received == 0, buffer.readableBytesView.starts(with: closing) { empty = true }
            received += buffer.readableBytes
            guard received <= limit else { throw HTTPError(.contentTooLarge, message: "The request body is too large.") }
            if empty { continue }
            do { try parser.execute(buffer) } catch { throw malformed }
            if let failure = reader.failure { throw failure }
        }
        guard reader.parts > 0 || empty else { throw malformed }
        return MultipartForm(fields: FormData(reader.values), files: reader.files)
    }

    static let malformed = HTTPError(.badRequest, message: "The form is not valid multipart/form-data.")

    /// The name and file name of a part's `Content-Disposition`.
    static func disposition(_ value: String) -> (name: String?, filename: String?) {
        var name: String?
        var filename: String?
        for parameter in parameters(value).dropFirst() {
            let assignment = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard assignment.count == 2 else { continue }
            let value =
                assignment[1].count >= 2 && assignment[1].hasPrefix("\"") && assignment[1].hasSuffix("\"")
                ? String(assignment[1].dropFirst().dropLast()) : assignment[1]
            switch assignment[0].lowercased() {
            case "name": name = value
            case "filename": filename = value
            default: break
            }
        }
        return (name, filename)
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
}

/// Gathers the parts the parser reports: text in memory (up to `MultipartForm.fieldLimit`),
/// files straight to disk. Used by one request's task only.
private final class PartReader {
    let folder: UploadFolder
    let fileFields: Set<String>
    var values: [String: [String]] = [:]
    var files: [String: [MultipartForm.File]] = [:]
    var parts = 0
    var failure: (any Error)?
    private var name: String?
    private var filename: String?
    private var contentType = "text/plain"
    private var text: [UInt8] = []
    private var textTotal = 0
    private var file: (handle: FileHandle, location: URL, size: Int)?

    init(folder: UploadFolder, fileFields: Set<String>) {
        (self.folder, self.fileFields) = (folder, fileFields)
    }

    func header(_ name: String, _ value: String) {
        switch name.lowercased() {
        case "content-disposition":
            (self.name, filename) = MultipartForm.disposition(value)
            if filename == nil, let field = self.name, fileFields.contains(field) { filename = field }
        case "content-type": contentType = value
        default: break
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        guard failure == nil else { return }
        if let filename, !filename.isEmpty {
            do {
                if file == nil {
                    let location = folder.newFile()
                    guard FileManager.default.createFile(atPath: location.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                        throw CocoaError(.fileWriteUnknown)
                    }
                    file = (try FileHandle(forWritingTo: location), location, 0)
                }
                let bytes = buffer.readableBytesView
                try file?.handle.write(contentsOf: Data(bytes))
                file?.size += bytes.count
            } catch {
                failure = error
            }
        } else {
            textTotal += buffer.readableBytes
            guard textTotal <= MultipartForm.fieldLimit else {
                failure = HTTPError(.contentTooLarge, message: "The request body is too large.")
                return
            }
            text.append(contentsOf: buffer.readableBytesView)
        }
    }

    func complete() {
        defer { (name, filename, contentType, text, file) = (nil, nil, "text/plain", [], nil) }
        guard failure == nil else { return }
        guard let name else {
            failure = MultipartForm.malformed
            return
        }
        parts += 1
        // A part named "" names no field: it is left out, as a field the form does not know is.
        guard !name.isEmpty else { return }
        if let filename {
            // A file input left empty sends a part with an empty file name: no file.
            guard !filename.isEmpty else { return }
            try? file?.handle.close()
            // An empty file sends no body: it is still a file, of no bytes.
            let location = file?.location ?? folder.newFile()
            if file == nil { FileManager.default.createFile(atPath: location.path, contents: nil, attributes: [.posixPermissions: 0o600]) }
            files[name, default: []].append(.init(filename: filename, contentType: contentType, location: location, size: file?.size ?? 0))
        } else {
            guard let value = String(validating: text, as: UTF8.self) else {
                failure = HTTPError(.badRequest, message: "The request is not valid UTF-8.")
                return
            }
            values[name, default: []].append(value)
        }
    }
}
