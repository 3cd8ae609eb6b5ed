import Foundation
import MusubiCore

/// A notification for a program: what happened in words (the reader's language) and as data.
struct NotificationDTO: Encodable {
    var id: Int64
    var kind: NotificationKind
    var step: Notice.Step
    var text: String
    var actorId: Int64?
    var actorName: String
    var subject: String
    var excerpt: String
    var path: String
    var createdAt: Date
    var read: Bool
}

struct NotificationPageDTO: Encodable {
    var items: [NotificationDTO]
    var total: Int
    var page: Int
    var pageSize: Int
    var unread: Int
}

struct NotificationsReadInput: Decodable {
    var ids: [Int64]?
}

struct NotificationsReadDTO: Encodable {
    var marked: Int
    var unread: Int
}

/// Kind → delivery, as `{"mention": "mail", "thread_reply": "in_app", …}`.
typealias NotificationPreferencesDTO = [String: NotificationDelivery]
