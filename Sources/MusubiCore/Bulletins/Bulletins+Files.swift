import Foundation

extension Bulletins {
    /// The largest document a bulletin takes, and how many.
    public static let fileLimits = (size: 10 * 1024 * 1024, count: 10)

    /// A bulletin's documents, for whoever may read it.
    public func files(_ actor: Requester, id: Int64) async throws -> [BulletinFile] {
        try await files(of: try await show(actor, id: id))
    }

    /// The documents of a bulletin the reader was just shown (its page), without reading it again.
    public func files(of shown: Shown) async throws -> [BulletinFile] {
        try await env.persistence.read { try await $0.bulletins.files(of: shown.bulletin.id) }
    }

    /// One document and its bytes, for downloading; only for those who may read the bulletin.
    public func open(_ actor: Requester, id: Int64, fileID: Int64) async throws -> (BulletinFile, Data) {
        guard let file = try await files(actor, id: id).first(where: { $0.id == fileID }),
            let data = try? await env.files.read(file.file.storedName)
        else { throw MusubiError.notFound }
        return (file, data)
    }

    /// A coordinator attaches a document (a PDF, an Office document, an image or text,
    /// recognised by its content).
    @discardableResult
    public func attach(_ actor: Requester, id: Int64, filename rawName: String, data: Data) async throws -> BulletinFile {
        try Policy.require(actor, .edit, .bulletins, hiding: false)
        let (filename, kind, data) = try Upload(filename: rawName, data: data).checked(field: "file", sizeLimit: Self.fileLimits.size)
        try await env.persistence.read { repos in try await Self.checkRoom(id, repos) }
        let storedName = try await env.files.save(data)
        do {
            return try await env.persistence.write { [now = env.now()] repos in
                try await Self.checkRoom(id, repos)
                let file = try await repos.bulletins.insertFile(
                    bulletinID: id, StoredFile(filename: filename, kind: kind, size: data.count, storedName: storedName), by: actor.memberID, at: now)
                try await repos.audit.append(
                    actorID: actor.memberID, action: .bulletinFileAdded, subjectType: "bulletin", subjectID: id, detail: filename, at: now)
                return file
            }
        } catch {
            try? await env.files.delete(storedName)
            throw error
        }
    }

    public func removeFile(_ actor: Requester, id: Int64, fileID: Int64) async throws {
        try Policy.require(actor, .edit, .bulletins, hiding: false)
        let removed = try await env.persistence.write { [now = env.now()] repos in
            guard let file = try await repos.bulletins.deleteFile(id: fileID, bulletinID: id) else { throw MusubiError.notFound }
            try await repos.audit.append(
                actorID: actor.memberID, action: .bulletinFileRemoved, subjectType: "bulletin", subjectID: id, detail: file.file.filename, at: now)
            return file
        }
        try? await env.files.delete(removed.file.storedName)
    }

    /// The bulletin exists and has room for one more: checked before the file is stored and
    /// again in the transaction that records it.
    private static func checkRoom(_ id: Int64, _ repos: any Repositories) async throws {
        guard try await repos.bulletins.find(id: id) != nil else { throw MusubiError.notFound }
        if try await repos.bulletins.files(of: id).count >= fileLimits.count { throw MusubiError.invalid("file", "error.too_many_files") }
    }
}
