import Foundation

/// Composes members' digests from what a round reads once for everyone: the bulletins, who
/// reads what, the calls people saved, everyone's choices. Pure: the same sources and the
/// same week give the same digest, for the mail, its web version and the preview alike.
struct DigestComposer: Sendable {
    let tree: FieldTree
    /// Every bulletin not expired when the week ends.
    let bulletins: [Bulletin]
    let readers: [Int64: BulletinReader]
    let saved: [Int64: Set<Int64>]
    let preferences: [Int64: [NotificationKind: NotificationDelivery]]
    let organizationNames: [Int64: String]

    static func read(_ repos: any Repositories, at until: Date) async throws -> (
        bulletins: [Bulletin], readers: [BulletinReader], saved: [Int64: Set<Int64>],
        preferences: [Int64: [NotificationKind: NotificationDelivery]], organizations: [Organization]
    ) {
        (
            try await repos.bulletins.unexpired(at: until), try await repos.bulletins.readers(), try await repos.bulletins.allSaved(),
            try await repos.notifications.allPreferences(), try await repos.organizations.all()
        )
    }

    func delivery(_ kind: NotificationKind, for memberID: Int64) -> NotificationDelivery {
        preferences[memberID]?[kind] ?? kind.defaultDelivery
    }

    /// The member's week up to `until`, given their unread notifications and suggestions.
    func digest(
        for memberID: Int64, until: Date, unread: [MemberNotification], suggestions: [WeeklyDigest.Suggested]
    ) -> WeeklyDigest {
        let since = until.addingTimeInterval(-WeeklyDigest.period)
        let reader = readers[memberID] ?? BulletinReader(memberID: memberID, role: nil)
        let saved = saved[memberID] ?? []
        let closingBy = until.addingTimeInterval(Double(WeeklyDigest.closingWithinDays) * 86_400)
        let calls =
            delivery(.fundingCall, for: memberID) == .off
            ? []
            : bulletins.filter { call in
                guard let deadline = call.funding?.deadline, call.isCurrent(at: until), call.isOpen(at: until), deadline <= closingBy else {
                    return false
                }
                return reader.fits(call, saved: saved.contains(call.id), in: tree)
            }
            .sorted { ($0.funding?.deadline ?? until, $0.id) < ($1.funding?.deadline ?? until, $1.id) }
        let callIDs = Set(calls.map(\.id))
        // Bulletins come weekly to those who asked for them so (the default), not to those
        // who had each one mailed at once or turned them off.
        let news =
            delivery(.bulletin, for: memberID) == .digest
            ? bulletins.filter { bulletin in
                guard let announced = bulletin.announcedAt, since < announced, announced <= until, bulletin.isCurrent(at: until),
                    !callIDs.contains(bulletin.id), bulletin.authorID != memberID
                else { return false }
                if bulletin.funding != nil { return reader.fits(bulletin, saved: saved.contains(bulletin.id), in: tree) }
                return reader.mayRead(bulletin, in: tree) && (bulletin.fieldIDs.isEmpty || reader.shareAField(bulletin.fieldIDs, in: tree))
            }
            : []
        let waiting = unread.filter { notification in
            let kind = notification.notice.kind
            switch kind {
            case .mention, .directMessage: return delivery(kind, for: memberID) != .off
            case .bulletin, .fundingCall: return false
            default: return delivery(kind, for: memberID) == .digest
            }
        }
        return WeeklyDigest(
            since: since, until: until, bulletins: news.prefix(WeeklyDigest.listLimit).map { entry($0, saved: saved) },
            fundingCalls: calls.prefix(WeeklyDigest.listLimit).map { entry($0, saved: saved) }, suggestions: suggestions,
            waiting: waiting.prefix(WeeklyDigest.listLimit).map {
                WeeklyDigest.Waiting(notice: $0.notice, actorName: $0.actorName, at: $0.createdAt)
            },
            waitingCount: waiting.count)
    }

    private func entry(_ bulletin: Bulletin, saved: Set<Int64>) -> WeeklyDigest.Entry {
        let funding = bulletin.funding
        let funder = funding.map { $0.funderName.isEmpty ? ($0.funderOrganizationID.flatMap { organizationNames[$0] } ?? "") : $0.funderName } ?? ""
        return WeeklyDigest.Entry(
            bulletinID: bulletin.id, kind: bulletin.kind, title: bulletin.title, excerpt: bulletin.excerpt, deadline: funding?.deadline,
            funder: funder, saved: saved.contains(bulletin.id))
    }
}
