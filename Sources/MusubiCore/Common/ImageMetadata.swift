import Foundation

/// What a photo says about where it was taken stays with the person who took it: before an
/// image is kept, its EXIF and XMP blocks (camera, time, GPS position) are dropped. The
/// picture itself is left byte for byte as it came.
public enum ImageMetadata {
    /// The image without its metadata blocks; anything not recognised as a well-formed JPEG
    /// or PNG comes back unchanged.
    public static func stripped(_ data: Data, kind: FileKind) -> Data {
        switch kind {
        case .jpeg: strippedJPEG(data) ?? data
        case .png: strippedPNG(data) ?? data
        default: data
        }
    }

    /// Drops the APP1 segments (EXIF, XMP) before the image data; the rest is copied.
    static func strippedJPEG(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var result = Data([0xFF, 0xD8])
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            // Start of scan: the compressed image follows to the end; copy it all.
            if marker == 0xDA { break }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { return nil }
            if marker != 0xE1 { result.append(contentsOf: bytes[index..<(index + 2 + length)]) }
            index += 2 + length
        }
        guard index < bytes.count else { return nil }
        result.append(contentsOf: bytes[index...])
        return result
    }

    /// Drops the `eXIf` chunk and XMP text (`iTXt` with the XMP keyword).
    static func strippedPNG(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.starts(with: signature) else { return nil }
        var result = Data(signature)
        var index = signature.count
        while index + 12 <= bytes.count {
            let length = bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard length >= 0, index + 12 + length <= bytes.count else { return nil }
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            let chunk = bytes[index..<(index + 12 + length)]
            let isXMP = type == "iTXt" && bytes[(index + 8)...].starts(with: Array("XML:com.adobe.xmp".utf8))
            if type != "eXIf" && !isXMP { result.append(contentsOf: chunk) }
            index += 12 + length
            if type == "IEND" { return result }
        }
        return nil
    }
}

/// Small pictures of images and of a PDF's first page, shown in a channel before anyone
/// downloads the file. Made from the kept file the first time they are asked for, and kept.
public protocol PreviewMaker: Sendable {
    /// The kinds of file it makes previews of.
    var kinds: Set<FileKind> { get }
    /// A JPEG no larger than a card, for the file kept under `storedName`; nil when there is
    /// none to be had (a kind without previews, no tool for it here, a file it cannot read).
    func preview(of storedName: String, kind: FileKind, bytes: @escaping @Sendable () async throws -> Data) async -> Data?
    /// Forgets the previews of files that are no longer kept.
    func prune(keeping storedNames: Set<String>) async throws
}

/// No previews at all (the tests' default, and a machine without the tools).
public struct NoPreviews: PreviewMaker {
    public init() {}
    public var kinds: Set<FileKind> { [] }
    public func preview(of storedName: String, kind: FileKind, bytes: @escaping @Sendable () async throws -> Data) async -> Data? { nil }
    public func prune(keeping storedNames: Set<String>) async throws {}
}
