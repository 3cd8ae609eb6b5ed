import Foundation

/// Files attached to a listing: its owner (or a coordinator) adds and removes them; they are
/// listed and served only to those who may read the listing's details.
public struct ListingAttachments: Sendable {
    let env: CoreEnvironment

    public init(_ env: CoreEnvironment) { self.env = env }

    /// The largest file a listing takes, and how many.
    public static let sizeLimit = 10 * 1024 * 1024
    public static let countLimit = 10

    public func list(_ actor: Requester, listingID: Int64) async throws -> [Attachment] {
        let (_, attachments) = try await readable(actor, listingID: listingID)
        return attachments
    }

    /// The file and its bytes, for downloading.
    public func open(_ actor: Requester, listingID: Int64, attachmentID: Int64) async throws -> (Attachment, Data) {
        let (_, attachments) = try await readable(actor, listingID: listingID)
        guard let attachment = attachments.first(where: { $0.id == attachmentID }) else { throw MusubiError.notFound }
        // A file gone from the store (restored database, lost folder) is not there for anyone.
        guard let data = try? await env.files.read(attachment.storedName) else { throw MusubiError.notFound }
        return (attachment, data)
    }

    public func attach(_ actor: Requester, listingID: Int64, filename rawName: String, data: Data) async throws -> Attachment {
        let now = env.now()
        let (filename, kind, data) = try Upload(filename: rawName, data: data).checked(field: "file", sizeLimit: Self.sizeLimit)
        try await env.persistence.read { repos in try await Self.checkRoom(listingID, by: actor, repos) }
        let storedName = try await env.files.save(data)
        do {
            return try await env.persistence.write { repos in
                try await Self.checkRoom(listingID, by: actor, repos)
                let attachment = try await repos.attachments.insert(
                    listingID: listingID, filename: filename, kind: kind, size: data.count, storedName: storedName, by: actor.memberID, at: now
                )
                try await repos.audit.append(
                    actorID: actor.memberID, action: .attachmentAdded, subjectType: "listing", subjectID: listingID, detail: filename, at: now)
                return attachment
            }
        } catch {
            try? await env.files.delete(storedName)
            throw error
        }
    }

    public func remove(_ actor: Requester, listingID: Int64, attachmentID: Int64) async throws {
        let now = env.now()
        let removed = try await env.persistence.write { repos in
            _ = try await Listings.editable(listingID, by: actor, repos)
            guard let attachment = try await repos.attachments.find(id: attachmentID), attachment.listingID == listingID,
                try await repos.attachments.delete(id: attachmentID)
            else { throw MusubiError.notFound }
            try await repos.audit.append(
                actorID: actor.memberID, action: .attachmentRemoved, subjectType: "listing", subjectID: listingID, detail: attachment.filename,
                at: now
            )
            return attachment
        }
        try? await env.files.delete(removed.storedName)
    }

    /// The listing's attachments, when the actor may read its details; a listing they may
    /// see but not read has none for them, and one they may not see does not exist.
    private func readable(_ actor: Requester, listingID: Int64) async throws -> (Listing, [Attachment]) {
        try await env.persistence.read { repos in
            guard let listing = try await repos.listings.find(id: listingID) else { throw MusubiError.notFound }
            try Policy.require(actor, .view, .listing(listing.audience))
            let organization = try await Listings.viewerOrganization(actor, repos)
            guard Policy.can(actor, .readDetails(viewerOrganization: organization), .listing(listing.audience)) else { return (listing, []) }
            return (listing, try await repos.attachments.of(listingID: listingID))
        }
    }

    /// The actor may change the listing and it has room for one more file; checked before
    /// the file is stored and again in the transaction that records it.
    private static func checkRoom(_ listingID: Int64, by actor: Requester, _ repos: any Repositories) async throws {
        let listing = try await Listings.editable(listingID, by: actor, repos)
        if try await repos.attachments.of(listingID: listing.id).count >= countLimit { throw MusubiError.invalid("file", "error.too_many_files") }
    }
}
