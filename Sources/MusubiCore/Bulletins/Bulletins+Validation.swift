import Foundation

extension Bulletins {
    public static let limits = (
        title: 150, body: 20_000, funderName: 200, programme: 200, eligibility: 2_000, link: 500, targets: 50,
        amount: Int64(1_000_000_000_000)
    )

    /// Every problem at once: a funding call needs its deadline (ahead, when new), the
    /// other kinds have none; an expiry lies after the time it appears.
    func validate(_ draft: BulletinDraft, now: Date, isNew: Bool = true) async throws -> BulletinDraft {
        let tree = try await Directory(env).fieldTree()
        var check = Validator()
        var clean = draft
        clean.title = check.text("title", draft.title, required: true, limit: Self.limits.title)
        clean.body = check.text("body", draft.body, required: true, limit: Self.limits.body, multiline: true)
        clean.fieldIDs = check.fieldIDs("fieldIDs", draft.fieldIDs, known: tree)
        clean.targets.fieldIDs = check.fieldIDs("targetFieldIDs", draft.targets.fieldIDs, known: tree)
        clean.targets.sectors = Sector.allCases.filter(draft.targets.sectors.contains)
        clean.targets.groupIDs = Array(Set(draft.targets.groupIDs)).sorted()
        if clean.targets.groupIDs.count > Self.limits.targets { check.fail("targetGroupIDs", "error.too_many") }
        if draft.visibility == .public, !draft.targets.isEmpty { check.fail("visibility", "error.bulletin_public_targeted") }
        let appears = draft.publishAt ?? now
        if let expiry = draft.expiresAt, expiry <= appears { check.fail("expiresAt", "error.expiry_past") }
        switch (draft.kind, draft.funding) {
        case (.fundingCall, nil):
            check.fail("deadline", "error.required")
        case (.fundingCall, var funding?):
            funding.funderName = check.text("funderName", funding.funderName, limit: Self.limits.funderName)
            funding.programme = check.text("programme", funding.programme, limit: Self.limits.programme)
            funding.eligibility = check.text("eligibility", funding.eligibility, limit: Self.limits.eligibility, multiline: true)
            funding.eligibleSectors = Sector.allCases.filter(funding.eligibleSectors.contains)
            funding.link = check.website("link", funding.link)
            for (field, amount) in [("amountMin", funding.amountMin), ("amountMax", funding.amountMax)] {
                if let amount, !(0...Self.limits.amount).contains(amount) { check.fail(field, "error.amount") }
            }
            if let low = funding.amountMin, let high = funding.amountMax, low > high { check.fail("amountMax", "error.amount_range") }
            if isNew, funding.deadline <= now { check.fail("deadline", "error.deadline_past") }
            if let opens = funding.opensOn, opens > funding.deadline { check.fail("opensOn", "error.opens_after_deadline") }
            clean.funding = funding
        default:
            clean.funding = nil
        }
        try check.check()
        return clean
    }
}
