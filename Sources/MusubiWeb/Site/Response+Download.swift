import Foundation
import Hummingbird
import MusubiCore

extension Response {
    /// A stored file for saving, never shown inline, under the name it was uploaded with
    /// (plain ASCII for old browsers, UTF-8 for the rest), kept out of shared caches.
    static func download(_ data: Data, filename: String, kind: FileKind) -> Response {
        download(data, filename: filename, contentType: kind.contentType)
    }

    static func download(_ data: Data, filename: String, contentType: String) -> Response {
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
                .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
