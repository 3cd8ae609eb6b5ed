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
    /// Every choice anyone made, by person.
    func allPreferences() async throws -> [Int64: [NotificationKind: NotificationDelivery]]
    /// Unread notifications of the named people made after `since`, newest first.
    func unread(of memberIDs: [Int64], since: Date) async throws -> [Int64: [MemberNotification]]
    /// Whether the person gets the weekly digest (everyone does, until they turn it off).
    func wantsDigest(memberID: Int64) async throws -> Bool
    func setWantsDigest(memberID: Int64, _ wanted: Bool) async throws
    /// Who turned the weekly digest off.
    func digestRefusers() async throws -> Set<Int64>
    /// Active coordinators and admins: who reviews applications and introductions.
    func staff() async throws -> [Int64]
}
