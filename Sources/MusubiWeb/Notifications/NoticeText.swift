import MusubiCore

/// A notice in words and as an address: the same for the bell's page, the API and the mail.
struct NoticeText {
    let catalog: Catalog
    let language: UILanguage

    /// `金田 浩之さんが #水素利活用 であなたをメンションしました`.
    func headline(_ notice: Notice, actorName: String) -> String {
        catalog.text("notification_step." + notice.step.rawValue, language)
            .replacingOccurrences(of: "{actor}", with: actorName.isEmpty ? catalog.text("notifications.someone", language) : actorName)
            .replacingOccurrences(of: "{subject}", with: notice.subject)
    }

    /// Where the notice leads, as a path of this site.
    static func path(_ target: NotificationTarget) -> String {
        switch target {
        case .message(_, let messageID): Paths.message.href(messageID) + "#m\(messageID)"
        case .reply(_, let rootID, let messageID): Paths.message.href(rootID) + "#m\(messageID)"
        case .introduction(let id): Paths.introduction.href(id)
        case .applications: Paths.people.href()
        case .bulletin(let id): Paths.bulletin.href(id)
        case .home: Paths.home.href()
        }
    }
}
