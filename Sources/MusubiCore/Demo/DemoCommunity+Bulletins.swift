import Foundation

extension DemoCommunity {
    /// A bulletin of the demo, published days ago; a funding call closes some days ahead.
    struct BulletinEntry: Decodable, Sendable {
        struct Funding: Decodable, Sendable {
            var funderName: String, programme: String, amountMin: Int64?, amountMax: Int64?, eligibility: String
            var eligibleSectors: [Sector], opensDaysAgo: Double?, closesInDays: Double, link: String
        }
        var key: String, author: String, kind: BulletinKind, visibility: BulletinVisibility, title: String, body: String
        var fields: [String], daysAgo: Double, pinned: Bool?, targetSectors: [Sector]?, funder: String?, funding: Funding?
    }

    /// The desk's bulletins and funding calls, as already announced: loading the demo tells
    /// nobody of anything.
    func loadBulletins(
        _ repos: any Repositories, memberIDs: [String: Int64], organizationIDs: [String: Int64], fieldIDs: [String: Int64], now: Date
    ) async throws {
        for entry in bulletins ?? [] {
            guard let author = memberIDs[entry.author] else { continue }
            let published = now.addingTimeInterval(-entry.daysAgo * 86_400)
            let funding = entry.funding.map { call in
                FundingDetails(
                    funderOrganizationID: entry.funder.flatMap { organizationIDs[$0] }, funderName: call.funderName, programme: call.programme,
                    amountMin: call.amountMin, amountMax: call.amountMax, eligibility: call.eligibility, eligibleSectors: call.eligibleSectors,
                    opensOn: call.opensDaysAgo.map { now.addingTimeInterval(-$0 * 86_400) },
                    deadline: now.addingTimeInterval(call.closesInDays * 86_400), link: call.link)
            }
            let draft = BulletinDraft(
                kind: entry.kind, title: entry.title, body: entry.body, fieldIDs: entry.fields.compactMap { fieldIDs[$0] },
                visibility: entry.visibility, targets: BulletinTargets(sectors: entry.targetSectors ?? []), pinned: entry.pinned ?? false,
                funding: funding)
            let bulletin = try await repos.bulletins.insert(draft, publishAt: published, authorID: author, at: published)
            try await repos.bulletins.markAnnounced(id: bulletin.id, at: published)
        }
    }
}
