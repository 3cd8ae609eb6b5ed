import Foundation
import Mustache
import MusubiCore

/// Small view models shared by pages. Mustache reads stored properties only, so everything
/// a template shows is computed here, in the reader's language.
struct Option {
    var value: String
    var label: String
    var selected: Bool
}

/// A tab above a list: its label, where it leads, whether it is the one shown.
struct Tab {
    var label: String
    var href: String
    var current: Bool
    var testID: String
}

struct MemberRow: Hashable, Sendable {
    var href: String
    var name: String
    var nameKana: String
    var title: String
    var organization: String
    var sector: String
    var sectorKey: String
    var keywords: [String]
    var fields: [String]
    var role: String
}

struct OrganizationRow: Hashable, Sendable {
    var href: String
    var name: String
    var sector: String
    var sectorKey: String
    var place: String
    var summary: String
    var fields: [String]
}

struct GroupRow: Sendable {
    var href: String
    var name: String
    var kind: String
    var memberCount: Int
    var subgroups: [GroupRow]
}

struct Pager {
    var total: Int
    var summary: String
    var previousHref: String?
    var nextHref: String?
}

struct Views {
    let site: Site
    let context: MusubiRequestContext
    let tree: FieldTree

    var language: UILanguage { context.language }

    func sector(_ sector: Sector?) -> String {
        sector.map { site.t("sector." + $0.rawValue, context) } ?? ""
    }

    func fieldName(_ id: Int64) -> String? {
        tree.field(id).map { language == .en ? $0.nameEn : $0.name }
    }

    func fieldNames(_ ids: [Int64]) -> [String] { ids.compactMap(fieldName) }

    func place(prefectureCode: String, municipality: String) -> String {
        let prefecture = Prefecture.named(prefectureCode).map { language == .en ? $0.nameEn : $0.name } ?? ""
        return [prefecture, municipality].filter { !$0.isEmpty }.joined(separator: " ")
    }

    func row(_ member: MemberSummary) -> MemberRow {
        MemberRow(
            href: Paths.member.href(member.id), name: member.name, nameKana: member.nameKana, title: member.title,
            organization: member.organizationName, sector: sector(member.sector), sectorKey: member.sector?.rawValue ?? "",
            keywords: member.keywords, fields: fieldNames(member.fieldIDs), role: site.t("role." + member.role.rawValue, context)
        )
    }

    func row(_ organization: Organization) -> OrganizationRow {
        OrganizationRow(
            href: Paths.organization.href(organization.id), name: organization.name, sector: sector(organization.sector),
            sectorKey: organization.sector.rawValue,
            place: place(prefectureCode: organization.prefectureCode, municipality: organization.municipality),
            summary: organization.summary, fields: fieldNames(organization.fieldIDs)
        )
    }

    func row(_ group: Group, memberCount: Int = 0, subgroups: [Group] = []) -> GroupRow {
        GroupRow(
            href: Paths.group.href(group.id), name: group.name, kind: site.t("group_kind." + group.kind.rawValue, context),
            memberCount: memberCount, subgroups: subgroups.map { row($0) }
        )
    }

    func sectorOptions(selected: Sector?, includeAll: Bool = true) -> [Option] {
        (includeAll ? [Option(value: "", label: site.t("filter.all_sectors", context), selected: selected == nil)] : [])
            + Sector.allCases.map { Option(value: $0.rawValue, label: sector($0), selected: $0 == selected) }
    }

    /// The field tree as an indented list.
    func fieldOptions(selected: Set<Int64>, includeAll: Bool = true) -> [Option] {
        (includeAll ? [Option(value: "", label: site.t("filter.all_fields", context), selected: selected.isEmpty)] : [])
            + tree.flattened().map { entry in
                let name = language == .en ? entry.field.nameEn : entry.field.name
                return Option(
                    value: String(entry.field.id), label: String(repeating: "　", count: entry.depth) + name,
                    selected: selected.contains(entry.field.id))
            }
    }

    func prefectureOptions(selected: String?, includeAll: Bool = true) -> [Option] {
        (includeAll ? [Option(value: "", label: site.t("filter.all_prefectures", context), selected: selected == nil)] : [])
            + Prefecture.all.map { Option(value: $0.code, label: language == .en ? $0.nameEn : $0.name, selected: $0.code == selected) }
    }

    /// `<option>` elements for a filter's list, rendered once per language and selection.
    /// A nil `selection` (a value the list does not know) is rendered but not kept, so that
    /// no reader can grow the cache.
    func renderedOptions(_ list: String, selection: String?, _ options: () -> [Option]) -> String {
        guard let selection else { return site.templates.render("options", options()) ?? "" }
        return site.optionLists.fragment([language.rawValue, list, selection, String(tree.fingerprint)].joined(separator: "|")) {
            site.templates.render("options", options()) ?? ""
        }
    }

    /// Each member's card, rendered from the `member-card` template (and kept: the same row
    /// in the same language is the same card for every reader).
    func cards(_ members: [MemberSummary]) -> [String] {
        members.map { card("member-card", row($0), kept: site.memberCards) }
    }

    func cards(_ organizations: [Organization]) -> [String] {
        organizations.map { card("organization-card", row($0), kept: site.organizationCards) }
    }

    /// A card sees its row and the catalog (`t`), nothing else of the page around it.
    private func card<Row: MustacheParent & Hashable & Sendable>(_ template: String, _ row: Row, kept: FragmentCache<CardKey<Row>>) -> String {
        kept.fragment(CardKey(template: template, language: language, row: row)) {
            site.templates.render(template, CardScope(row: row, catalog: site.catalog.tree(language))) ?? ""
        }
    }

    func pager<T>(_ page: Page<T>, path: String, query: FormData, keys: [String]) -> Pager {
        func href(_ number: Int) -> String {
            var items = keys.compactMap { key in query.optional(key).map { URLQueryItem(name: key, value: $0) } }
            items.append(URLQueryItem(name: "page", value: String(number)))
            return PathTemplate.link(path, query: items)
        }
        let summary = site.t("pager.summary", context)
            .replacingOccurrences(of: "{total}", with: String(page.total))
            .replacingOccurrences(of: "{page}", with: String(page.request.number))
            .replacingOccurrences(of: "{pages}", with: String(page.pageCount))
        return Pager(
            total: page.total, summary: summary,
            previousHref: page.hasPrevious ? href(page.request.number - 1) : nil,
            nextHref: page.hasNext ? href(page.request.number + 1) : nil
        )
    }
}
