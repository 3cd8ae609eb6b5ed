import Mustache
import MusubiCore

// The rows and options that pages repeat by the dozen answer Mustache's lookups directly;
// the default lookup reflects over the value with `Mirror` for every tag, which was the
// larger part of rendering a directory page (docs/benchmarks.md).

extension Option: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension MemberRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": self.href
        case "name": self.name
        case "nameKana": self.nameKana
        case "title": self.title
        case "organization": self.organization
        case "sector": self.sector
        case "sectorKey": self.sectorKey
        case "keywords": self.keywords
        case "fields": self.fields
        case "role": self.role
        default: nil
        }
    }
}

extension OrganizationRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": self.href
        case "name": self.name
        case "sector": self.sector
        case "sectorKey": self.sectorKey
        case "place": self.place
        case "summary": self.summary
        case "fields": self.fields
        default: nil
        }
    }
}

extension Layout: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "lang": self.lang
        case "title": self.title
        case "siteName": self.siteName
        case "csrf": self.csrf
        case "signedIn": self.signedIn
        case "profileHref": self.profileHref
        case "menu": self.menu
        case "switchLanguageHref": self.switchLanguageHref
        case "switchLanguageTestID": self.switchLanguageTestID
        case "switchLanguageLabel": self.switchLanguageLabel
        case "notice": self.notice as Any?
        case "paths": self.paths
        case "unreadNotifications": self.unreadNotifications as Any?
        case "bellHasUnread": self.bellHasUnread
        case "bellLabel": self.bellLabel
        case "waitingApplications": self.waitingApplications as Any?
        default: nil
        }
    }
}

extension MenuAccess: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "directory": self.directory
        case "people": self.people
        case "invitations": self.invitations
        case "conceptDictionary": self.conceptDictionary
        case "matchingTools": self.matchingTools
        case "auditLog": self.auditLog
        case "migration": self.migration
        case "communityArchive": self.communityArchive
        case "mailOutbox": self.mailOutbox
        case "dashboard": self.dashboard
        default: nil
        }
    }
}

extension Pager: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "total": self.total
        case "summary": self.summary
        case "previousHref": self.previousHref as Any?
        case "nextHref": self.nextHref as Any?
        default: nil
        }
    }
}

/// The scope a card is rendered in (Views.cards).
struct CardScope: MustacheParent {
    let row: any MustacheParent
    let catalog: [String: any Sendable]

    func child(named key: String) -> Any? {
        key == "t" ? catalog : row.child(named: key)
    }
}
