import Foundation
import MusubiCore

/// A bulletin in a list.
struct BulletinRow {
    var href: String
    var title: String
    var kind: String
    var kindKey: String
    var date: String
    var pinned: Bool
    var fields: [String]
    var excerpt: String
    /// A funding call's deadline, and whether it is near (from its first reminder on).
    var deadline: String?
    var closingSoon: Bool
    var saved: Bool
    /// A funding call that fits the reader.
    var fits: Bool
    /// For coordinators: not yet appeared, or expired.
    var scheduled: Bool
    var isPublic: Bool
}

extension Views {
    /// A call is marked as closing soon from its first reminder on.
    static let closingSoon = Double(Bulletins.reminderDays.max() ?? 14) * 86_400

    func row(_ shown: Bulletins.Shown, now: Date) -> BulletinRow {
        let bulletin = shown.bulletin
        let deadline = bulletin.funding?.deadline
        return BulletinRow(
            href: Paths.bulletin.href(bulletin.id), title: bulletin.title, kind: site.t("bulletin_kind." + bulletin.kind.rawValue, context),
            kindKey: bulletin.kind.rawValue, date: site.formatDate(bulletin.publishAt, context), pinned: bulletin.pinned,
            fields: fieldNames(bulletin.fieldIDs), excerpt: bulletin.excerpt,
            deadline: deadline.map { site.formatDate($0, context, withTime: true) },
            closingSoon: deadline.map { $0 > now && $0.timeIntervalSince(now) <= Self.closingSoon } ?? false, saved: shown.saved,
            fits: shown.fitsReader,
            scheduled: !shown.isCurrent, isPublic: bulletin.visibility == .public)
    }
}
