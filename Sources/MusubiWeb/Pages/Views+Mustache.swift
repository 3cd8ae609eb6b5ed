import Mustache

// The rows and options that pages repeat by the dozen answer Mustache's lookups directly;
// the default lookup reflects over the value with `Mirror` for every tag, which was the
// larger part of rendering a directory page (docs/benchmarks.md).

extension Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension MemberRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "name": name
        case "nameKana": nameKana
        case "title": title
        case "organization": organization
        case "sector": sector
        case "sectorKey": sectorKey
        case "keywords": keywords
        case "fields": fields
        case "role": role
        default: nil
        }
    }
}

extension OrganizationRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "name": name
        case "sector": sector
        case "sectorKey": sectorKey
        case "place": place
        case "summary": summary
        case "fields": fields
        default: nil
        }
    }
}

extension Layout: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "title": title
        case "siteName": siteName
        case "csrf": csrf
        case "signedIn": signedIn
        case "profileHref": profileHref
        case "isCoordinator": isCoordinator
        case "isAdmin": isAdmin
        case "seesDirectory": seesDirectory
        case "switchLanguageHref": switchLanguageHref
        case "switchLanguageTestID": switchLanguageTestID
        case "switchLanguageLabel": switchLanguageLabel
        case "notice": notice as Any?
        case "paths": paths
        default: nil
        }
    }
}
