import Foundation
import MusubiCore

/// Mail as files (`<data folder>/mail/<time>-<Message-ID>.eml`), the transport when no SMTP
/// server is configured: a fresh installation works, and its operator sees what would have
/// been sent, each file readable by any mail program. Readable by the server's user only.
public struct EMLFileTransport: MailTransport {
    let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func send(_ mail: MailMessage) async throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let stamp = Int64((mail.date.timeIntervalSince1970 * 1000).rounded())
            let safeID = String(mail.messageID.unicodeScalars.map { Character(CharacterSet.alphanumerics.contains($0) && $0.isASCII ? $0 : "_") })
            let file = directory.appendingPathComponent("\(stamp)-\(safeID).eml")
            let boundary = "=_musubi_" + UUID().uuidString
            guard
                FileManager.default.createFile(
                    atPath: file.path, contents: Data(MIMEMessage.render(mail, boundary: boundary).utf8), attributes: [.posixPermissions: 0o600])
            else { throw MailTransportError.temporary("could not write \(file.path)") }
        } catch let error as MailTransportError {
            throw error
        } catch {
            throw MailTransportError.temporary("\(error)")
        }
    }
}
