import Foundation

/// A file someone sends: the name their browser (or client) gave it and its bytes.
public struct Upload: Sendable {
    public var filename: String
    public var data: Data

    public init(filename: String, data: Data) {
        self.filename = filename
        self.data = data
    }

    /// The name to keep (the last part of what was sent: some browsers send a whole path),
    /// what the content is, and the bytes to keep (an image without the metadata that may say
    /// where it was taken: `ImageMetadata`). Refused under `field` when the name is missing
    /// or too long, the file is empty or larger than `sizeLimit`, or its content does not
    /// match its name.
    public func checked(field: String, sizeLimit: Int) throws -> (filename: String, kind: FileKind, kept: Data) {
        var check = Validator()
        let filename = check.text(field, Self.baseName(filename), required: true, limit: 200)
        try check.check()
        guard data.count <= sizeLimit else { throw MusubiError.invalid(field, "error.file_too_large") }
        guard !data.isEmpty, let kind = FileKind.recognise(data, filename: filename) else { throw MusubiError.invalid(field, "error.file_type") }
        return (filename, kind, ImageMetadata.stripped(data, kind: kind))
    }

    static func baseName(_ name: String) -> String {
        String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
    }
}
