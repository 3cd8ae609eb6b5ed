import Foundation

public protocol BulletinRepository: Sendable {
    func insert(_ draft: BulletinDraft, publishAt: Date, authorID: Int64, at: Date) async throws -> Bulletin
    func update(id: Int64, with draft: BulletinDraft, publishAt: Date, at: Date) async throws
    func find(id: Int64) async throws -> Bulletin?
    /// Every bulletin not expired at `now` (appeared or still to appear), newest first; the
    /// caller decides who may read which.
    func unexpired(at now: Date) async throws -> [Bulletin]
    /// Every bulletin, newest first (for coordinators' lists and the feeds' history).
    func all() async throws -> [Bulletin]
    /// Bulletins that have appeared by `now` and whose readers were not yet told.
    func unannounced(at now: Date) async throws -> [Bulletin]
    func markAnnounced(id: Int64, at: Date) async throws
    func setDiscussion(id: Int64, messageID: Int64) async throws
    func insertFile(bulletinID: Int64, _ file: StoredFile, by: Int64?, at: Date) async throws -> BulletinFile
    func files(of bulletinID: Int64) async throws -> [BulletinFile]
    /// Removes one file's row; gives it, or nil when the bulletin has no such file.
    func deleteFile(id: Int64, bulletinID: Int64) async throws -> BulletinFile?
    func remove(id: Int64) async throws

    /// Saving a funding call, for its reminders.
    func save(bulletinID: Int64, memberID: Int64, at: Date) async throws
    func unsave(bulletinID: Int64, memberID: Int64) async throws
    func savedIDs(memberID: Int64) async throws -> Set<Int64>
    /// Every saved call, by who saved it.
    func allSaved() async throws -> [Int64: Set<Int64>]
    /// Saved calls whose deadline falls before `before` and whose reminder of `days` was not
    /// yet sent, with who saved them.
    func dueReminders(days: Int, deadlineBefore before: Date, after: Date) async throws -> [(bulletinID: Int64, memberID: Int64)]
    func markReminded(bulletinID: Int64, memberID: Int64, days: Int, at: Date) async throws

    /// Every active member as a reader: role, their organisation's sector, fields, groups.
    func readers() async throws -> [BulletinReader]
    func reader(memberID: Int64) async throws -> BulletinReader?
}
