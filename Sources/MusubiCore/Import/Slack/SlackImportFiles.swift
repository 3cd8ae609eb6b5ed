import Foundation
import Synchronization

/// The files an import keeps (those its export carries) in the file store. They are saved as
/// their messages are read, before the transaction that writes the messages ends, so those
/// that end up unused (the import failed, or a message was in the export twice) are deleted
/// again afterwards.
final class SlackImportFiles: Sendable {
    private let store: any FileStore
    private let names = Mutex((saved: [String](), written: Set<String>()))

    init(store: any FileStore) {
        self.store = store
    }

    func save(_ data: Data) async throws -> String {
        let name = try await store.save(data)
        names.withLock { $0.saved.append(name) }
        return name
    }

    /// Files of messages written (their transaction may still fail).
    func written(_ files: some Sequence<StoredFile>) {
        names.withLock { $0.written.formUnion(files.map(\.storedName)) }
    }

    /// Deletes what was saved and is not needed: every file when the import failed, those of
    /// no written message when it succeeded.
    func deleteUnused(importSucceeded: Bool) async {
        let unused = names.withLock { names in
            let unused = importSucceeded ? names.saved.filter { !names.written.contains($0) } : names.saved
            names = ([], [])
            return unused
        }
        for name in unused { try? await store.delete(name) }
    }
}
