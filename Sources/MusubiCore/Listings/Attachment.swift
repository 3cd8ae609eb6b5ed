import Foundation

/// A file attached to a listing. It follows the listing's disclosure level as its details
/// do: only those who may read the details see or fetch it.
public struct Attachment: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var listingID: Int64
    /// The name it was uploaded under, shown and offered when downloading.
    public var filename: String
    public var kind: FileKind
    public var size: Int
    /// Where the file store keeps it; never shown.
    public var storedName: String
    public var uploadedBy: Int64?
    public var uploadedAt: Date

    public init(id: Int64, listingID: Int64, filename: String, kind: FileKind, size: Int, storedName: String, uploadedBy: Int64?, uploadedAt: Date) {
        self.id = id
        self.listingID = listingID
        self.filename = filename
        self.kind = kind
        self.size = size
        self.storedName = storedName
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

/// The kinds of file Musubi keeps, recognised by their content (not their name alone), and
/// the type each is served with.
public enum FileKind: String, Sendable, CaseIterable {
    case pdf, png, jpeg
    case officeDocument = "office"
    case text

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .officeDocument: "application/octet-stream"
        case .text: "text/plain; charset=utf-8"
        }
    }

    /// What the content is, when the name's extension agrees with it; nil otherwise.
    public static func recognise(_ data: Data, filename: String) -> FileKind? {
        let ext = (filename as NSString).pathExtension.lowercased()
        let head = [UInt8](data.prefix(8))
        func starts(_ bytes: [UInt8]) -> Bool { head.starts(with: bytes) }
        switch ext {
        case "pdf": return starts(Array("%PDF-".utf8)) ? .pdf : nil
        case "png": return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? .png : nil
        case "jpg", "jpeg": return starts([0xFF, 0xD8, 0xFF]) ? .jpeg : nil
        case "docx", "xlsx", "pptx": return starts([0x50, 0x4B, 0x03, 0x04]) ? .officeDocument : nil
        case "txt", "csv", "md":
            return String(validating: data, as: UTF8.self) != nil && !data.contains(0) ? .text : nil
        default: return nil
        }
    }
}
