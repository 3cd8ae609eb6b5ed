import Foundation
import MusubiCore
import SQLKit

struct SQLAttachmentRepository: AttachmentRepository {
    let db: any SQLDatabase

    func insert(listingID: Int64, filename: String, kind: FileKind, size: Int, storedName: String, by: Int64?, at: Date) async throws -> Attachment {
        let id = try await db.insertReturningID(
            """
            INSERT INTO listing_attachments (listing_id, filename, kind, size, stored_name, uploaded_by, uploaded_at)
            VALUES (\(bind: listingID), \(bind: filename), \(bind: kind.rawValue), \(bind: Int64(size)), \(bind: storedName), \(bind: by), \(bind: at.epochMilliseconds))
            """)
        return Attachment(
            id: id, listingID: listingID, filename: filename, kind: kind, size: size, storedName: storedName, uploadedBy: by, uploadedAt: at)
    }

    func find(id: Int64) async throws -> Attachment? {
        try await db.raw("SELECT * FROM listing_attachments WHERE id = \(bind: id)").first().map(Self.attachment)
    }

    func of(listingID: Int64) async throws -> [Attachment] {
        try await db.raw("SELECT * FROM listing_attachments WHERE listing_id = \(bind: listingID) ORDER BY id").all().map(Self.attachment)
    }

    func delete(id: Int64) async throws -> Bool {
        try await db.raw("DELETE FROM listing_attachments WHERE id = \(bind: id) RETURNING id").first() != nil
    }

    func storedNamesInUse() async throws -> Set<String> {
        let rows = try await db.raw(
            "SELECT stored_name FROM listing_attachments UNION SELECT stored_name FROM message_files UNION SELECT stored_name FROM bulletin_files"
        ).all()
        return Set(try rows.map { try $0.string("stored_name") })
    }

    private static func attachment(_ row: any SQLRow) throws -> Attachment {
        Attachment(
            id: try row.int64("id"), listingID: try row.int64("listing_id"), filename: try row.string("filename"),
            kind: try row.enumValue("kind", as: FileKind.self), size: Int(try row.int64("size")), storedName: try row.string("stored_name"),
            uploadedBy: try row.optionalInt64("uploaded_by"), uploadedAt: try row.date("uploaded_at")
        )
    }
}
