import Foundation

public protocol NotificationRepository: Sendable {
    /// Stores one notification per reader.
    func insert(_ notice: Notice, for memberIDs: [Int64], at: Date) async throws
    /// A person's notifications, newest first.
    func list(memberID: Int64, unreadOnly: Bool, page: PageRequest) async throws -> Page<MemberNotification>
    func unreadCount(memberID: Int64) async throws -> Int
    /// Marks the person's notifications read: the ones named, or all when `ids` is nil. Gives
    /// how many changed.
    func markRead(memberID: Int64, ids: [Int64]?, at: Date) async throws -> Int
    /// The person's own choices (kinds they never chose are absent).
    func preferences(memberID: Int64) async throws -> [NotificationKind: NotificationDelivery]
    func setPreference(memberID: Int64, kind: NotificationKind, delivery: NotificationDelivery) async throws
    /// The people among `memberIDs` who exist, with their address, status and their choice
    /// for `kind` (the kind's default where they made none).
    func recipients(_ memberIDs: [Int64], kind: NotificationKind) async throws -> [NotificationRecipient]
    /// Active coordinators and admins: who reviews applications and introductions.
    func staff() async throws -> [Int64]
}
