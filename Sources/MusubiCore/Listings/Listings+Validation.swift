import Foundation

extension Listings {
    public static let limits = (title: 120, summary: 1_000, details: 10_000, keywords: 20, keyword: 40, organizations: 50)

    /// Every problem at once; an expiry must lie ahead when a listing is posted, and naming
    /// organisations needs at least one.
    func validate(_ draft: ListingDraft, now: Date, isNew: Bool) async throws -> ListingDraft {
        let tree = try await Directory(env).fieldTree()
        var check = Validator()
        var clean = draft
        clean.title = check.text("title", draft.title, required: true, limit: Self.limits.title)
        clean.summary = check.text("summary", draft.summary, required: true, limit: Self.limits.summary, multiline: true)
        clean.details = check.text("details", draft.details, limit: Self.limits.details, multiline: true)
        clean.fieldIDs = check.fieldIDs("fieldIDs", draft.fieldIDs, known: tree)
        clean.keywords = check.list("keywords", draft.keywords, maxCount: Self.limits.keywords, maxLength: Self.limits.keyword)
        clean.partnerSectors = Sector.allCases.filter(draft.partnerSectors.contains)
        if let code = draft.prefectureCode {
            let checked = check.prefecture("prefectureCode", code, required: false)
            clean.prefectureCode = checked.isEmpty ? nil : checked
        }
        if let expiry = draft.expiresOn, isNew, expiry <= now { check.fail("expiresOn", "error.expiry_past") }
        clean.disclosedTo = draft.disclosure == .organizations ? Array(Set(draft.disclosedTo)).sorted() : []
        if draft.disclosure == .organizations, clean.disclosedTo.isEmpty { check.fail("disclosedTo", "error.organizations_required") }
        if clean.disclosedTo.count > Self.limits.organizations { check.fail("disclosedTo", "error.too_many") }
        try check.check()
        return clean
    }
}
