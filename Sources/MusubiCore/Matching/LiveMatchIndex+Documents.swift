import Foundation

/// How listings and people become the index's documents, and how a document's id names its
/// subject again: a listing is `12` (and `12~` for its summary alone), a person `p7+` (what
/// they offer) and `p7?` (what they seek).
extension LiveMatchIndex {
    /// The listing in full, and, when only some may read its details, its summary alone.
    static func documents(of listing: Listing, fields: FieldTree) -> [MatchDocument] {
        let content = listing.content
        let full = MatchDocument(
            id: "\(listing.id)", kind: content.kind == .seed ? .seed : .need, title: content.title,
            body: content.summary + "\n" + content.details, keywords: content.keywords,
            fields: content.fieldIDs.compactMap { fields.field($0)?.key }, sector: listing.sector,
            status: status(listing.status), updatedAt: listing.updatedAt, expiresAt: content.expiresOn
        )
        guard [.coordinators, .organizations].contains(content.disclosure) else { return [full] }
        var summary = full
        summary.id = "\(listing.id)~"
        summary.body = content.summary
        return [full, summary]
    }

    /// What an active person offers, as a seed, and what they seek, as a need; nothing for
    /// one who is not active or has said neither.
    static func documents(of person: Person, fields: FieldTree) -> [MatchDocument] {
        let member = person.member
        guard member.status == .active else { return [] }
        let keys = member.fieldIDs.compactMap { fields.field($0)?.key }
        let sides: [(String, MatchDocument.Kind, String)] = [
            ("p\(member.id)+", .seed, member.profile.offer), ("p\(member.id)?", .need, member.profile.seeking),
        ]
        return sides.compactMap { id, kind, text in
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return MatchDocument(id: id, kind: kind, title: "", body: text, keywords: member.profile.keywords, fields: keys, sector: person.sector)
        }
    }

    static func documentIDs(of subject: MatchSubject) -> [String] {
        switch subject {
        case .listing(let id): ["\(id)", "\(id)~"]
        case .person(let id): ["p\(id)+", "p\(id)?"]
        }
    }

    static func parse(_ documentID: String) -> (subject: MatchSubject, isSummary: Bool)? {
        if documentID.hasPrefix("p") {
            return Int64(documentID.dropFirst().dropLast()).map { (.person($0), false) }
        }
        let isSummary = documentID.hasSuffix("~")
        return Int64(isSummary ? String(documentID.dropLast()) : documentID).map { (.listing($0), isSummary) }
    }

    private static func status(_ status: ListingStatus) -> MatchDocument.Status {
        switch status {
        case .open: .open
        case .inDiscussion: .inDiscussion
        case .matched: .matched
        case .closed: .closed
        }
    }
}
