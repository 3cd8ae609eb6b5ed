import Foundation

/// A notification as its reader sees it on the bell's page.
public struct MemberNotification: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var memberID: Int64
    public var notice: Notice
    /// Who did it, by name ("" for Musubi itself).
    public var actorName: String
    public var createdAt: Date
    public var readAt: Date?

    public init(id: Int64, memberID: Int64, notice: Notice, actorName: String, createdAt: Date, readAt: Date?) {
        self.id = id
        self.memberID = memberID
        self.notice = notice
        self.actorName = actorName
        self.createdAt = createdAt
        self.readAt = readAt
    }

    public var isRead: Bool { readAt != nil }
}

/// Someone a notification is for, with what the sending needs to know.
public struct NotificationRecipient: Sendable, Equatable {
    public var memberID: Int64
    public var name: String
    public var email: String
    public var status: AccountStatus
    /// Their choice for the kind, or the kind's default.
    public var delivery: NotificationDelivery

    public init(memberID: Int64, name: String, email: String, status: AccountStatus, delivery: NotificationDelivery) {
        self.memberID = memberID
        self.name = name
        self.email = email
        self.status = status
        self.delivery = delivery
    }
}
