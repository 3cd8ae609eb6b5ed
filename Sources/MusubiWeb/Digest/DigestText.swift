import Foundation
import MusubiCore

/// A weekly digest in words: its heading and its sections, each entry with a title, a line
/// or two about it and where it leads. The mail and the web page say the same from this.
struct DigestText {
    let catalog: Catalog
    let language: UILanguage
    let configuration: WebConfiguration

    struct Section {
        var key: String
        var title: String
        var entries: [Entry]
        /// "and 12 more", when the list was cut.
        var more: String?
    }

    struct Entry {
        var title: String
        var lines: [String]
        /// A path of this site.
        var href: String
    }

    private func text(_ key: String) -> String { catalog.text(key, language) }

    /// `2026-11-30 – 2026-12-07`.
    func period(_ digest: WeeklyDigest) -> String {
        configuration.formatDate(digest.since, language) + " – " + configuration.formatDate(digest.until, language)
    }

    func sections(_ digest: WeeklyDigest) -> [Section] {
        var sections: [Section] = []
        if !digest.waiting.isEmpty {
            let notices = NoticeText(catalog: catalog, language: language)
            let more = digest.waitingCount - digest.waiting.count
            sections.append(
                Section(
                    key: "waiting", title: text("digest.waiting"),
                    entries: digest.waiting.map { waiting in
                        Entry(
                            title: notices.headline(waiting.notice, actorName: waiting.actorName),
                            lines: waiting.notice.excerpt.isEmpty ? [] : ["「\(waiting.notice.excerpt)」"], href: NoticeText.path(waiting.notice.target)
                        )
                    }, more: more > 0 ? text("digest.more").replacingOccurrences(of: "{count}", with: String(more)) : nil))
        }
        if !digest.fundingCalls.isEmpty {
            sections.append(Section(key: "funding_calls", title: text("digest.funding_calls"), entries: digest.fundingCalls.map(entry)))
        }
        if !digest.bulletins.isEmpty {
            sections.append(Section(key: "bulletins", title: text("digest.bulletins"), entries: digest.bulletins.map(entry)))
        }
        if !digest.suggestions.isEmpty {
            sections.append(Section(key: "suggestions", title: text("digest.suggestions"), entries: digest.suggestions.map(entry)))
        }
        return sections
    }

    private func entry(_ bulletin: WeeklyDigest.Entry) -> Entry {
        var facts: [String] = [text("bulletin_kind." + bulletin.kind.rawValue)]
        if let deadline = bulletin.deadline {
            facts.append(text("digest.deadline").replacingOccurrences(of: "{date}", with: configuration.formatDate(deadline, language)))
        }
        if !bulletin.funder.isEmpty { facts.append(bulletin.funder) }
        if bulletin.saved { facts.append(text("digest.saved")) }
        let lines = [facts.joined(separator: language == .ja ? "・" : " · ")] + (bulletin.excerpt.isEmpty ? [] : [bulletin.excerpt])
        return Entry(title: bulletin.title, lines: lines, href: Paths.bulletin.href(bulletin.bulletinID))
    }

    private func entry(_ suggestion: WeeklyDigest.Suggested) -> Entry {
        var lines: [String] = []
        if let kind = suggestion.listingKind { lines.append(text("listing_kind." + kind.rawValue)) }
        if !suggestion.organization.isEmpty { lines.append(suggestion.organization) }
        if !suggestion.concepts.isEmpty {
            let names = suggestion.concepts.map { language == .ja ? $0.ja : $0.en }.joined(separator: language == .ja ? "、" : ", ")
            lines.append(text("reason.shared_concepts").replacingOccurrences(of: "{list}", with: names))
        }
        let href =
            switch suggestion.subject {
            case .listing(let id): Paths.listing.href(id)
            case .person(let id): Paths.member.href(id)
            }
        return Entry(title: suggestion.title, lines: lines, href: href)
    }
}
