import Foundation

/// A document attached to a bulletin or funding call (guidelines, application forms): read
/// and fetched by whoever may read the bulletin.
public struct BulletinFile: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var bulletinID: Int64
    public var file: StoredFile
    public var uploadedAt: Date

    public init(id: Int64, bulletinID: Int64, file: StoredFile, uploadedAt: Date) {
        self.id = id
        self.bulletinID = bulletinID
        self.file = file
        self.uploadedAt = uploadedAt
    }
}
