import Foundation
import MusubiStore

/// The installation's data folder: the generated session secret, and a note that says a
/// database lives here. A folder with the note and without its database is one whose volume
/// did not mount (or whose database was lost): starting there would make a fresh database,
/// so it is refused with a message instead.
struct DataFolder {
    let url: URL

    init(_ path: String) { url = URL(fileURLWithPath: path) }

    var note: URL { url.appendingPathComponent("musubi-data-folder") }
    var secretFile: URL { url.appendingPathComponent("session-secret") }

    func refuseIfDatabaseMissing(_ database: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: note.path) && !manager.fileExists(atPath: database) {
            throw InstallationError.databaseMissing(database: database, note: note.path)
        }
    }

    /// Writes the note once the database exists (also for a folder from before the note).
    func remember(database: String) throws {
        guard !FileManager.default.fileExists(atPath: note.path) else { return }
        let text = """
            This folder holds a Musubi installation's data; its database is \(database).
            Musubi refuses to start here without that database (a volume that did not mount would
            otherwise come up as a new, empty installation). To really start afresh, delete this file.
            First used \(ISO8601DateFormatter().string(from: Date())).

            """
        try Data(text.utf8).write(to: note, options: .atomic)
    }

    func existingSecret() -> String? {
        guard let text = try? String(contentsOf: secretFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), text.count >= 32
        else { return nil }
        return text
    }

    /// A random key kept here (readable by the owner only), made on first use.
    func generatedSecret() throws -> String {
        if let existing = existingSecret() { return existing }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let secret = RandomSecrets(key: "").newSecret()
        guard FileManager.default.createFile(atPath: secretFile.path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: secretFile.path])
        }
        return secret
    }
}

/// Why an installation will not open, in words for its operator.
public enum InstallationError: Error, CustomStringConvertible {
    case databaseMissing(database: String, note: String)
    case notMigrated(pending: [String])

    public var description: String {
        switch self {
        case .databaseMissing(let database, let note):
            "The database \(database) is missing, but this data folder has held one (\(note)). Is the data volume mounted? "
                + "Musubi will not start a new, empty installation in its place: restore the database from a backup, "
                + "or delete \(note) to really start afresh."
        case .notMigrated(let pending):
            "The database lacks this version's migrations (\(pending.joined(separator: ", "))). Run `musubi migrate` first, "
                + "or use the version of musubi that wrote it."
        }
    }
}
