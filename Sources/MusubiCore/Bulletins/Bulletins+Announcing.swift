import Foundation

extension Bulletins {
    /// The days before a saved call's deadline when its reminder goes out.
    public static let reminderDays = [14, 3]

    /// Tells the readers of a bulletin that has appeared: those who may read it and, when it
    /// names fields, whose fields it concerns. Gives whose bells changed. (The field tree is
    /// read before the transaction: a read inside it would wait for its own connection.)
    func announce(_ bulletin: Bulletin, tree: FieldTree, _ repos: any Repositories) async throws -> Set<Int64> {
        let readers = try await repos.bulletins.readers().filter { reader in
            reader.mayRead(bulletin, in: tree) && (bulletin.fieldIDs.isEmpty || reader.shareAField(bulletin.fieldIDs, in: tree))
        }
        try await repos.bulletins.markAnnounced(id: bulletin.id, at: env.now())
        let notice = Notice(
            step: bulletin.kind == .fundingCall ? .fundingCallPublished : .bulletinPublished, actorID: bulletin.authorID, subject: bulletin.title,
            excerpt: bulletin.excerpt, target: .bulletin(bulletin.id))
        return try await Notifier(env: env).notify(notice, to: readers.compactMap(\.memberID), repos)
    }

    /// Announces the bulletins whose time has come (published for later); run every few seconds.
    /// Gives how many.
    @discardableResult
    public func announceDue() async throws -> Int {
        let tree = try await Directory(env).fieldTree()
        let (count, told) = try await env.persistence.write { [now = env.now()] repos in
            var told: Set<Int64> = []
            let due = try await repos.bulletins.unannounced(at: now)
            for bulletin in due { told.formUnion(try await announce(bulletin, tree: tree, repos)) }
            return (due.count, told)
        }
        await env.exchangeEvents.notificationsChanged(memberIDs: told)
        return count
    }

    /// Reminds the members who saved a funding call, 14 and 3 days before its deadline, once
    /// each (someone who saves a call 2 days before gets only the second). Gives how many.
    @discardableResult
    public func sendReminders() async throws -> Int {
        let now = env.now()
        let tree = try await Directory(env).fieldTree()
        let (count, told) = try await env.persistence.write { repos in
            var (count, told) = (0, Set<Int64>())
            let days = Self.reminderDays.sorted()
            for (index, day) in days.enumerated() {
                let after = index == 0 ? now : now.addingTimeInterval(Double(days[index - 1]) * 86_400)
                let due = try await repos.bulletins.dueReminders(
                    days: day, deadlineBefore: now.addingTimeInterval(Double(day) * 86_400), after: after)
                for (bulletinID, memberID) in due {
                    // Every later reminder is marked too: one mail, not two at once.
                    for later in days[index...] {
                        try await repos.bulletins.markReminded(bulletinID: bulletinID, memberID: memberID, days: later, at: now)
                    }
                    guard let bulletin = try await repos.bulletins.find(id: bulletinID),
                        let reader = try await repos.bulletins.reader(memberID: memberID),
                        reader.mayRead(bulletin, in: tree)
                    else { continue }
                    let notice = Notice(step: .fundingCallClosing, actorID: nil, subject: bulletin.title, target: .bulletin(bulletinID))
                    told.formUnion(try await Notifier(env: env).notify(notice, to: [memberID], repos))
                    count += 1
                }
            }
            return (count, told)
        }
        await env.exchangeEvents.notificationsChanged(memberIDs: told)
        return count
    }
}
